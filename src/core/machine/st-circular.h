/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-circular.h: the `circular` dialect, version 1: Stranded's own protocol
 * for circular knitting machine controllers, specified in PROTOCOL.md. Same
 * SLIP framing as AYAB; every message in both directions ends in a
 * CRC-8/MAXIM over its ID and body. 16-bit big-endian fields. Pure code.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ST_CIRCULAR_VERSION      1
#define ST_CIRCULAR_MAX_NEEDLES  1024
#define ST_CIRCULAR_MAX_FEEDS    16
/* LINE with 1024 needles: 7 bytes of header and CRC + 512 bytes of yarns. */
#define ST_CIRCULAR_MAX_PAYLOAD  (7 + ST_CIRCULAR_MAX_NEEDLES / 2)
#define ST_CIRCULAR_NAME_LENGTH  16

typedef enum
{
  /* host to device */
  ST_CIRCULAR_REQ_INFO   = 0x51,
  ST_CIRCULAR_START      = 0x52,
  ST_CIRCULAR_LINE       = 0x53,
  ST_CIRCULAR_SET_ROUND  = 0x54,
  ST_CIRCULAR_PAUSE      = 0x55,
  ST_CIRCULAR_RESUME     = 0x56,
  ST_CIRCULAR_CANCEL     = 0x57,
  ST_CIRCULAR_RESET      = 0x58,
  ST_CIRCULAR_REQ_STATE  = 0x59,
  /* device to host */
  ST_CIRCULAR_INFO       = 0xD1,
  ST_CIRCULAR_CNF        = 0xD2,
  ST_CIRCULAR_ACK        = 0xD3,
  ST_CIRCULAR_NAK        = 0xD4,
  ST_CIRCULAR_REQ_LINE   = 0xD5,
  ST_CIRCULAR_STATE      = 0xD6,
} StCircularId;

typedef enum
{
  ST_CIRCULAR_STATE_IDLE     = 0,   /* no job */
  ST_CIRCULAR_STATE_KNITTING = 1,   /* a round is being knitted */
  ST_CIRCULAR_STATE_WAITING  = 2,   /* stopped at needle 0: needs the next line */
  ST_CIRCULAR_STATE_PAUSED   = 3,
  ST_CIRCULAR_STATE_DONE     = 4,   /* knitted the line flagged last */
  ST_CIRCULAR_STATE_ERROR    = 5,   /* stopped by a fault, see the error code */
} StCircularState;

typedef enum
{
  ST_CIRCULAR_ERROR_NONE       = 0x00,
  ST_CIRCULAR_ERROR_RESTARTED  = 0x01,  /* first report after power-up or RESET */
  ST_CIRCULAR_ERROR_JAM        = 0x10,
  ST_CIRCULAR_ERROR_YARN       = 0x11,  /* yarn break or empty cone */
  ST_CIRCULAR_ERROR_MOTOR      = 0x12,
} StCircularError;

/* Status of a CNF, reason of a NAK. */
typedef enum
{
  ST_CIRCULAR_STATUS_OK          = 0,
  ST_CIRCULAR_STATUS_BAD_CRC     = 1,
  ST_CIRCULAR_STATUS_BAD_LENGTH  = 2,
  ST_CIRCULAR_STATUS_UNKNOWN     = 3,
  ST_CIRCULAR_STATUS_WRONG_STATE = 4,
  ST_CIRCULAR_STATUS_WRONG_ROUND = 5,
  ST_CIRCULAR_STATUS_BAD_NEEDLES = 6,
  ST_CIRCULAR_STATUS_BAD_YARN    = 7,
  ST_CIRCULAR_STATUS_BUSY        = 8,
} StCircularStatus;

/* INFO capabilities. */
#define ST_CIRCULAR_CAP_PAUSE       0x01   /* honours PAUSE and RESUME */
#define ST_CIRCULAR_CAP_POSITION    0x02   /* reports the needle under the feed */
#define ST_CIRCULAR_CAP_PERSISTENT  0x04   /* keeps job and round across resets */

/* LINE flags. */
#define ST_CIRCULAR_LINE_LAST       0x01

typedef struct
{
  StCircularId id;
  union
  {
    struct                          /* INFO */
    {
      guint8  version;
      guint8  major;
      guint8  minor;
      guint8  patch;
      guint16 needles;
      guint8  feeds;
      guint8  caps;
      guint8  state;
      guint16 job;                  /* the job it holds, 0 for none */
      guint16 round;                /* rounds before this one are knitted */
      char    name[ST_CIRCULAR_NAME_LENGTH + 1];
    } info;
    struct                          /* START */
    {
      guint16 job;
      guint16 round;                /* first round to knit */
      guint16 needles;
      guint8  yarns;                /* yarn indices used are below this */
    } start;
    struct                          /* LINE */
    {
      guint16 round;
      guint8  flags;
      guint16 needles;
      guint8  yarn[ST_CIRCULAR_MAX_NEEDLES];   /* 0..15 per needle */
    } line;
    struct                          /* SET_ROUND, ACK, REQ_LINE */
    {
      guint16 round;
    } round;
    struct                          /* CNF */
    {
      guint8  request;              /* the ID confirmed */
      guint8  status;
      guint16 round;                /* the device's round after the command */
    } cnf;
    struct                          /* NAK */
    {
      guint16 round;                /* the round the device expects */
      guint8  reason;
    } nak;
    struct                          /* STATE */
    {
      guint8  state;
      guint8  error;
      guint16 round;                /* in progress, or next; all before are knitted */
      guint16 position;             /* needle under the feed */
      guint16 job;
    } state;
  };
} StCircularMessage;

typedef enum
{
  ST_CIRCULAR_DECODE_OK,
  ST_CIRCULAR_DECODE_EMPTY,
  ST_CIRCULAR_DECODE_UNKNOWN,
  ST_CIRCULAR_DECODE_BAD_LENGTH,
  ST_CIRCULAR_DECODE_BAD_CRC,
  ST_CIRCULAR_DECODE_BAD_VALUE,
} StCircularDecodeResult;

/* The CRC is checked before anything else is trusted; sizes are exact. */
StCircularDecodeResult  st_circular_decode              (const guint8             *payload,
                                                         gsize                     length,
                                                         StCircularMessage        *msg);
/* Encodes @msg into @out (ST_CIRCULAR_MAX_PAYLOAD bytes) with its CRC;
 * returns the payload length. */
gsize                   st_circular_encode              (const StCircularMessage  *msg,
                                                         guint8                   *out);

/* Names for logs. The error, status and decode result names are English,
 * marked for translation: translate them where people read them. */
const char             *st_circular_id_name             (guint8                    id);
const char             *st_circular_state_name          (guint8                    state);
const char             *st_circular_error_name          (guint8                    error);
const char             *st_circular_status_name         (guint8                    status);
const char             *st_circular_decode_result_name  (StCircularDecodeResult    result);

/* Rounds travel as 16 bits; @near is the full round number the receiver
 * expects, and the result is the full number closest to it. */
guint64                 st_circular_round_expand        (guint16                   round16,
                                                         guint64                   near);

G_END_DECLS
