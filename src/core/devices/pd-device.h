/* pd-device.h — devices and tags: what is acquired, from where
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PD_TRANSPORT_TCP,
  PD_TRANSPORT_RTU,
} PdTransport;

/* planned → commissioned → in service ⇄ maintenance → retired */
typedef enum
{
  PD_LIFECYCLE_PLANNED,
  PD_LIFECYCLE_COMMISSIONED,
  PD_LIFECYCLE_IN_SERVICE,
  PD_LIFECYCLE_MAINTENANCE,
  PD_LIFECYCLE_RETIRED,
} PdLifecycle;

#define PD_N_LIFECYCLES (PD_LIFECYCLE_RETIRED + 1)

/* The four Modbus data areas. Addresses are 0-based protocol addresses. */
typedef enum
{
  PD_AREA_COIL,       /* read/write bits, function 1 / 5 / 15 */
  PD_AREA_DISCRETE,   /* read-only bits, function 2 */
  PD_AREA_INPUT,      /* read-only registers, function 4 */
  PD_AREA_HOLDING,    /* read/write registers, function 3 / 6 / 16 */
} PdArea;

#define PD_N_AREAS (PD_AREA_HOLDING + 1)

typedef enum
{
  PD_TAG_TYPE_BOOL,
  PD_TAG_TYPE_INT16,
  PD_TAG_TYPE_UINT16,
  PD_TAG_TYPE_INT32,
  PD_TAG_TYPE_UINT32,
  PD_TAG_TYPE_FLOAT32,
  PD_TAG_TYPE_FLOAT64,
} PdTagType;

#define PD_N_TAG_TYPES (PD_TAG_TYPE_FLOAT64 + 1)

/* Byte order inside each 16-bit register, and word order of multi-register
 * values. Big word order means the high word comes first (the Modbus
 * convention); big byte order is the protocol's own. */
typedef enum
{
  PD_ORDER_BIG,
  PD_ORDER_LITTLE,
} PdOrder;

/* Defaults of a new device. */
#define PD_DEVICE_DEFAULT_PORT          502
#define PD_DEVICE_DEFAULT_UNIT_ID       1
#define PD_DEVICE_DEFAULT_TIMEOUT_MS    1000
#define PD_DEVICE_DEFAULT_POLL_MS       1000
#define PD_DEVICE_DEFAULT_MAX_GAP       16    /* registers; bits: 16 × this */
#define PD_DEVICE_MAX_BLOCK_REGISTERS   125   /* protocol limit, function 3 / 4 */
#define PD_DEVICE_MAX_BLOCK_BITS        2000  /* protocol limit, function 1 / 2 */
#define PD_DEVICE_DEFAULT_BAUD          9600

/**
 * PdDevice:
 *
 * A device's configuration: a plain, copyable struct, so that workers get
 * their own copy. Strings are owned.
 */
typedef struct _PdDevice
{
  gint64       id;                /* 0 until stored */
  char        *name;
  char        *description;
  PdTransport  transport;

  /* Modbus TCP */
  char        *host;
  guint        port;

  /* Modbus RTU: several unit ids on one serial device share one connection */
  char        *serial_path;
  guint        baud;
  char         parity;            /* 'N', 'E' or 'O' */
  guint        data_bits;         /* 5 … 8 */
  guint        stop_bits;         /* 1 or 2 */

  guint        unit_id;           /* 0 … 247 (TCP gateways also use 255) */
  guint        timeout_ms;
  guint        poll_ms;
  gboolean     enabled;
  guint        max_gap;           /* registers; for bit areas 16 × max_gap bits */
  guint        max_block_registers;
  guint        max_block_bits;
  gboolean     coalesce;          /* FALSE: one request per tag */
  PdLifecycle  lifecycle;
  guint        inspection_interval_days;  /* 0: no periodic inspection */
} PdDevice;

/**
 * PdTag:
 *
 * One value acquired from a device. value = raw × scale + offset.
 */
typedef struct _PdTag
{
  gint64     id;                  /* 0 until stored */
  gint64     device_id;
  char      *name;
  char      *description;
  PdArea     area;
  guint      address;             /* 0 … 65535, and the value must end there */
  PdTagType  type;
  PdOrder    byte_order;
  PdOrder    word_order;          /* only for 32- and 64-bit types */
  double     scale;
  double     offset;
  char      *unit;                /* engineering unit, may be NULL */
  double     deadband;            /* ≥ 0, engineering units */
  guint      poll_ms;             /* 0: the device's */
  gboolean   writable;
  gboolean   history;
} PdTag;

#define PD_TYPE_DEVICE (pd_device_get_type ())
#define PD_TYPE_TAG    (pd_tag_get_type ())

GType        pd_device_get_type           (void) G_GNUC_CONST;
/* A device with every default filled in. */
PdDevice    *pd_device_new                (void);
PdDevice    *pd_device_copy               (const PdDevice *device);
void         pd_device_free               (PdDevice       *device);
/* Checks every field; a translated reason in ERROR. */
gboolean     pd_device_validate           (const PdDevice *device,
                                           GError        **error);
/* Whether acquisition polls the device: enabled, and neither planned (not
 * installed yet) nor retired. */
gboolean     pd_device_is_polled          (const PdDevice *device);
/* "host:port" or "/dev/ttyUSB0 9600 8E1", for lists. */
char        *pd_device_dup_address        (const PdDevice *device);
/* The connection key: devices with equal keys share one connection. */
char        *pd_device_dup_connection_key (const PdDevice *device);

GType        pd_tag_get_type              (void) G_GNUC_CONST;
PdTag       *pd_tag_new                   (void);
PdTag       *pd_tag_copy                  (const PdTag *tag);
void         pd_tag_free                  (PdTag       *tag);
gboolean     pd_tag_validate              (const PdTag *tag,
                                           GError     **error);
/* Registers (or bits, for bit areas) the tag occupies: 1, 2 or 4. */
guint        pd_tag_type_get_width        (PdTagType    type);
gboolean     pd_area_is_bits              (PdArea       area);
gboolean     pd_area_is_writable          (PdArea       area);

/* Stable names used in the database, CSV and JSON: "tcp", "rtu";
 * "planned", "commissioned", "in-service", "maintenance", "retired";
 * "coil", "discrete", "input", "holding"; "bool", "int16", …, "float64";
 * "big", "little". The from_string functions return FALSE for unknown
 * names. */
const char  *pd_transport_to_string       (PdTransport  transport);
gboolean     pd_transport_from_string     (const char  *str,
                                           PdTransport *out);
const char  *pd_lifecycle_to_string       (PdLifecycle  lifecycle);
gboolean     pd_lifecycle_from_string     (const char  *str,
                                           PdLifecycle *out);
/* Translated, for the UI. */
const char  *pd_lifecycle_get_label       (PdLifecycle  lifecycle);
/* Whether the lifecycle may go from FROM to TO. */
gboolean     pd_lifecycle_can_change      (PdLifecycle  from,
                                           PdLifecycle  to);
const char  *pd_area_to_string            (PdArea       area);
gboolean     pd_area_from_string          (const char  *str,
                                           PdArea      *out);
const char  *pd_area_get_label            (PdArea       area);
const char  *pd_tag_type_to_string        (PdTagType    type);
gboolean     pd_tag_type_from_string      (const char  *str,
                                           PdTagType   *out);
const char  *pd_order_to_string           (PdOrder      order);
gboolean     pd_order_from_string         (const char  *str,
                                           PdOrder     *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDevice, pd_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdTag, pd_tag_free)

G_END_DECLS
