/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-ayab.h: the AYAB serial API v6 messages (firmware 1.0), as the firmware
 * implements them (see PROTOCOL.md and the research notes): every message in
 * both directions, encoded to and decoded from unframed SLIP payloads. Pure
 * code. Host-to-device commands with arguments end in a CRC-8/MAXIM over all
 * bytes before it, starting with the message ID; device messages carry none.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ST_AYAB_API_VERSION     6
#define ST_AYAB_MAX_LINE_BYTES  25
#define ST_AYAB_MAX_TEXT        60
/* The firmware's packet buffer (MAX_MSG_BUFFER_LEN). */
#define ST_AYAB_FIRMWARE_BUFFER 64
#define ST_AYAB_MAX_PAYLOAD     64

typedef enum
{
  ST_AYAB_REQ_START     = 0x01,
  ST_AYAB_REQ_INFO      = 0x03,
  ST_AYAB_REQ_TEST      = 0x04,
  ST_AYAB_REQ_INIT      = 0x05,
  ST_AYAB_HELP_CMD      = 0x25,
  ST_AYAB_SEND_CMD      = 0x26,
  ST_AYAB_BEEP_CMD      = 0x27,
  ST_AYAB_SET_SINGLE    = 0x28,
  ST_AYAB_SET_ALL       = 0x29,
  ST_AYAB_READ_EOL      = 0x2A,
  ST_AYAB_READ_ENCODERS = 0x2B,
  ST_AYAB_AUTO_READ     = 0x2C,
  ST_AYAB_AUTO_TEST     = 0x2D,
  ST_AYAB_STOP_CMD      = 0x2E,
  ST_AYAB_QUIT_CMD      = 0x2F,
  ST_AYAB_CNF_LINE      = 0x42,
  ST_AYAB_REQ_LINE      = 0x82,
  ST_AYAB_IND_STATE     = 0x84,
  ST_AYAB_DEBUG         = 0x9F,
  ST_AYAB_CNF_START     = 0xC1,
  ST_AYAB_CNF_INFO      = 0xC3,
  ST_AYAB_CNF_TEST      = 0xC4,
  ST_AYAB_CNF_INIT      = 0xC5,
  ST_AYAB_TEST_RES      = 0xEE,
} StAyabId;

/* MachineType: the value sent in reqInit. */
typedef enum
{
  ST_AYAB_MACHINE_KH910   = 0,   /* KH-910 / KH-950(i): 200 needles */
  ST_AYAB_MACHINE_KH930   = 1,   /* KH-900 / 930 / 940 / 965(i): 200 needles */
  ST_AYAB_MACHINE_KH270   = 2,   /* KH-270: 112 needles */
  ST_AYAB_MACHINE_NONE    = 0xFF,
} StAyabMachine;

/* The firmware's OpState, reported in indState[2]. */
typedef enum
{
  ST_AYAB_STATE_WAIT_FOR_MACHINE = 0,
  ST_AYAB_STATE_INIT             = 1,
  ST_AYAB_STATE_READY            = 2,
  ST_AYAB_STATE_KNIT             = 3,
  ST_AYAB_STATE_TEST             = 4,
  ST_AYAB_STATE_ERROR            = 5,
} StAyabState;

/* Error codes the firmware sends; only 0 versus non-zero is stable. */
enum
{
  ST_AYAB_OK                  = 0x00,
  ST_AYAB_ERR_SHORT           = 0x01,
  ST_AYAB_ERR_UNRECOGNIZED    = 0x02,
  ST_AYAB_ERR_UNEXPECTED      = 0x03,
  ST_AYAB_ERR_CHECKSUM        = 0x04,
  ST_AYAB_ERR_MACHINE_TYPE    = 0x10,
  ST_AYAB_ERR_NEEDLE          = 0x11,
  ST_AYAB_ERR_NULL_POINTER    = 0x12,
  ST_AYAB_ERR_ARGUMENT        = 0x13,
  ST_AYAB_ERR_NO_MACHINE      = 0x20,
  ST_AYAB_ERR_NO_CARRIAGE     = 0x21,
  ST_AYAB_ERR_NO_DIRECTION    = 0x22,
  ST_AYAB_ERR_NO_BELT_SHIFT   = 0x23,
  ST_AYAB_ERR_STATE_INIT      = 0xE0,
  ST_AYAB_ERR_STATE_READY     = 0xE1,
  ST_AYAB_ERR_STATE_KNIT      = 0xE2,
  ST_AYAB_ERR_STATE_TEST      = 0xE3,
  ST_AYAB_ERR_WRONG_STATE     = 0xEF,
  ST_AYAB_ERR_WARNING         = 0xF0,
  ST_AYAB_ERR_RECOVERABLE     = 0xF1,
  ST_AYAB_ERR_CRITICAL        = 0xF2,
  ST_AYAB_ERR_FATAL           = 0xF3,
  ST_AYAB_ERR_UNSPECIFIED     = 0xFF,
};

/* reqStart flags and cnfLine flags. */
#define ST_AYAB_START_CONTINUOUS_REPORTING 0x01
#define ST_AYAB_START_BEEPER               0x02
#define ST_AYAB_LINE_LAST                  0x01

/* indState carriage and direction values. */
#define ST_AYAB_CARRIAGE_KNIT   0
#define ST_AYAB_CARRIAGE_LACE   1
#define ST_AYAB_CARRIAGE_GARTER 2
#define ST_AYAB_CARRIAGE_NONE   0xFF
#define ST_AYAB_DIRECTION_LEFT    0
#define ST_AYAB_DIRECTION_RIGHT   1
#define ST_AYAB_DIRECTION_UNKNOWN 0xFF

typedef struct
{
  StAyabId id;
  union
  {
    struct                      /* cnfInfo */
    {
      guint8 api;
      guint8 major;
      guint8 minor;
      guint8 patch;
      char   suffix[17];        /* NUL-terminated */
      guint8 undefined;         /* byte 21: never written by the firmware */
    } info;
    struct                      /* reqInit */
    {
      guint8 machine;
    } init;
    struct                      /* cnfInit, cnfStart, cnfTest */
    {
      guint8 error;
    } cnf;
    struct                      /* reqStart */
    {
      guint8 start_needle;      /* 0-based */
      guint8 stop_needle;       /* inclusive */
      guint8 flags;
    } start;
    struct                      /* reqLine */
    {
      guint8 line;
      guint8 error;
    } req_line;
    struct                      /* cnfLine */
    {
      guint8 line;
      guint8 color;             /* ignored by the firmware */
      guint8 flags;
      guint8 n_bytes;           /* 25 or 14 */
      guint8 bits[ST_AYAB_MAX_LINE_BYTES];   /* needle i = bit i&7 of byte i>>3 */
    } line;
    struct                      /* indState */
    {
      guint8  error;
      guint8  state;
      guint16 hall_left;
      guint16 hall_right;
      guint8  carriage;
      guint8  position;         /* raw encoder count, not a needle */
      guint8  direction;
    } state;
    struct                      /* setSingleCmd */
    {
      guint8 solenoid;
      guint8 value;
    } set_single;
    struct                      /* setAllCmd */
    {
      guint16 mask;
    } set_all;
    struct                      /* testRes, debug: ASCII without terminator */
    {
      guint8 length;
      char   text[ST_AYAB_MAX_TEXT + 1];
    } text;
  };
} StAyabMessage;

typedef enum
{
  ST_AYAB_DECODE_OK,
  ST_AYAB_DECODE_EMPTY,
  ST_AYAB_DECODE_UNKNOWN,     /* not an ID of API v6 */
  ST_AYAB_DECODE_SHORT,       /* shorter than the message needs */
  ST_AYAB_DECODE_LONG,        /* device message longer than its fixed size */
  ST_AYAB_DECODE_BAD_CRC,     /* the message is decoded into @msg but its CRC fails */
} StAyabDecodeResult;

/* Decodes one payload. Host commands are parsed as the firmware does: a
 * frame may carry extra bytes after the CRC. Device messages have fixed
 * sizes and no CRC, so anything but the exact size is rejected: on a line
 * without CRC a wrong length is the only sign of corruption.
 * @line_bytes is the bitmap size cnfLine carries (25 or 14). */
StAyabDecodeResult  st_ayab_decode              (const guint8        *payload,
                                                 gsize                length,
                                                 guint                line_bytes,
                                                 StAyabMessage       *msg);
/* Encodes @msg into @out (ST_AYAB_MAX_PAYLOAD bytes), adding the CRC where
 * the firmware expects one; returns the payload length. */
gsize               st_ayab_encode              (const StAyabMessage *msg,
                                                 guint8              *out);

/* Whether @id is sent by the host (bit 7 clear). */
gboolean            st_ayab_id_is_host          (guint8               id);
/* Names for logs. The error and decode result names are English and
 * marked for translation: translate them where people read them. */
const char         *st_ayab_id_name             (guint8               id);
const char         *st_ayab_error_name          (guint8               code);
const char         *st_ayab_state_name          (guint8               state);
const char         *st_ayab_decode_result_name  (StAyabDecodeResult   result);

/* Needles and line bytes of a machine type; 0 for an unknown type. */
guint               st_ayab_machine_needles     (guint8               machine);
guint               st_ayab_machine_line_bytes  (guint8               machine);

static inline void
st_ayab_bit_set (guint8  *bits,
                 guint    needle,
                 gboolean value)
{
  if (value)
    bits[needle >> 3] |= (guint8) (1u << (needle & 7));
  else
    bits[needle >> 3] &= (guint8) ~(1u << (needle & 7));
}

static inline gboolean
st_ayab_bit_get (const guint8 *bits,
                 guint         needle)
{
  return (bits[needle >> 3] >> (needle & 7)) & 1;
}

G_END_DECLS
