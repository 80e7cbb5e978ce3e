/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "st-image-sniff.h"

#include <string.h>

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint
le16 (const guint8 *p)
{
  return ((guint) p[1] << 8) | p[0];
}

static guint32
le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

StImageKind
st_image_sniff_kind (const guint8 *data,
                     gsize         length)
{
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return ST_IMAGE_PNG;
  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return ST_IMAGE_JPEG;
  if (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return ST_IMAGE_GIF;
  if (length >= 2 && data[0] == 'B' && data[1] == 'M')
    return ST_IMAGE_BMP;
  return ST_IMAGE_UNKNOWN;
}

const char *
st_image_kind_name (StImageKind kind)
{
  switch (kind)
    {
    case ST_IMAGE_PNG:
      return "png";
    case ST_IMAGE_JPEG:
      return "jpeg";
    case ST_IMAGE_GIF:
      return "gif";
    case ST_IMAGE_BMP:
      return "bmp";
    default:
      return NULL;
    }
}

/* JPEG markers without a length field. */
static gboolean
jpeg_standalone (guint8 marker)
{
  return marker == 0x01 || (marker >= 0xd0 && marker <= 0xd9);
}

static gboolean
jpeg_is_sof (guint8 marker)
{
  return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

/* Walks the JPEG segments up to the first SOS; @sos gets its offset. */
static gboolean
jpeg_walk (const guint8 *data,
           gsize         length,
           guint64      *width,
           guint64      *height,
           gsize        *sos)
{
  gsize pos = 2;
  gboolean have_size = FALSE;

  while (pos + 4 <= length)
    {
      guint8 marker;
      gsize segment;

      if (data[pos] != 0xff)
        return FALSE;
      marker = data[pos + 1];
      if (marker == 0xff)
        {
          pos++;   /* fill byte */
          continue;
        }
      if (jpeg_standalone (marker))
        {
          pos += 2;
          continue;
        }
      segment = be16 (data + pos + 2);
      if (segment < 2 || pos + 2 + segment > length)
        return FALSE;
      if (jpeg_is_sof (marker) && !have_size)
        {
          if (segment < 7)
            return FALSE;
          *height = be16 (data + pos + 5);
          *width = be16 (data + pos + 7);
          have_size = TRUE;
        }
      if (marker == 0xda)
        {
          *sos = pos;
          return have_size;
        }
      pos += 2 + segment;
    }
  return FALSE;
}

/* Skips GIF data sub-blocks from @pos; returns the offset after the
 * terminator, or 0 when the file ends first. */
static gsize
gif_skip_sub_blocks (const guint8 *data,
                     gsize         length,
                     gsize         pos)
{
  while (pos < length)
    {
      guint8 size = data[pos];

      pos += 1 + size;
      if (size == 0)
        return pos <= length ? pos : 0;
    }
  return 0;
}

static gsize
gif_color_table (guint8 flags)
{
  return (flags & 0x80) ? 3u << ((flags & 0x07) + 1) : 0;
}

gboolean
st_image_sniff_size (StImageKind   kind,
                     const guint8 *data,
                     gsize         length,
                     guint64      *width,
                     guint64      *height)
{
  gsize sos;

  switch (kind)
    {
    case ST_IMAGE_PNG:
      if (length < 33 || be32 (data + 8) != 13 || memcmp (data + 12, "IHDR", 4) != 0)
        return FALSE;
      *width = be32 (data + 16);
      *height = be32 (data + 20);
      return TRUE;
    case ST_IMAGE_JPEG:
      return jpeg_walk (data, length, width, height, &sos);
    case ST_IMAGE_GIF:
      if (length < 13)
        return FALSE;
      *width = le16 (data + 6);
      *height = le16 (data + 8);
      return TRUE;
    case ST_IMAGE_BMP:
      {
        guint32 header;
        gint32 h;

        if (length < 26)
          return FALSE;
        header = le32 (data + 14);
        if (header == 12)
          {
            *width = le16 (data + 18);
            *height = le16 (data + 20);
            return TRUE;
          }
        /* Only the header sizes Windows and OS/2 define: gdk-pixbuf's BMP
         * loader allocates whatever size the file claims before reading. */
        if ((header != 40 && header != 52 && header != 56 && header != 64 &&
             header != 108 && header != 124) || length < 14 + (gsize) header)
          return FALSE;
        /* Likewise its palette: one plane, a real depth, and no more
         * colours than that depth has (4 billion claimed ones would be
         * allocated). */
        {
          guint planes = le16 (data + 26), bpp = le16 (data + 28);
          guint32 colors = le32 (data + 46);

          if (planes != 1 || (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32))
            return FALSE;
          if (bpp <= 8 ? colors > (1u << bpp) : colors > 256)
            return FALSE;
        }
        *width = (guint64) ABS ((gint64) (gint32) le32 (data + 18));
        h = (gint32) le32 (data + 22);
        *height = (guint64) ABS ((gint64) h);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

gboolean
st_image_is_complete (StImageKind   kind,
                      const guint8 *data,
                      gsize         length)
{
  switch (kind)
    {
    case ST_IMAGE_PNG:
      {
        gsize pos = 8;

        while (pos + 12 <= length)
          {
            guint32 chunk = be32 (data + pos);

            if (chunk > 0x7fffffffu || (guint64) pos + 12 + chunk > length)
              return FALSE;
            if (memcmp (data + pos + 4, "IEND", 4) == 0)
              return TRUE;
            pos += 12 + chunk;
          }
        return FALSE;
      }
    case ST_IMAGE_JPEG:
      {
        guint64 w, h;
        gsize sos;

        if (!jpeg_walk (data, length, &w, &h, &sos))
          return FALSE;
        /* In entropy-coded data 0xFF is followed by 0x00 or a restart
         * marker, so the first FF D9 after the scan starts is the end. */
        for (gsize i = sos + 2; i + 1 < length; i++)
          if (data[i] == 0xff && data[i + 1] == 0xd9)
            return TRUE;
        return FALSE;
      }
    case ST_IMAGE_GIF:
      {
        gsize pos = 13 + gif_color_table (length > 10 ? data[10] : 0);

        while (pos < length)
          {
            guint8 block = data[pos];

            if (block == 0x3b)
              return TRUE;
            if (block == 0x21)
              {
                if (pos + 2 > length)
                  return FALSE;
                pos = gif_skip_sub_blocks (data, length, pos + 2);
              }
            else if (block == 0x2c)
              {
                if (pos + 10 > length)
                  return FALSE;
                pos += 10 + gif_color_table (data[pos + 9]) + 1;
                pos = pos <= length ? gif_skip_sub_blocks (data, length, pos) : 0;
              }
            else
              return FALSE;
            if (pos == 0)
              return FALSE;
          }
        return FALSE;
      }
    case ST_IMAGE_BMP:
      {
        guint64 w, h, rows;
        guint32 offset, header, compression = 0;
        guint bpp;

        if (!st_image_sniff_size (kind, data, length, &w, &h))
          return FALSE;
        offset = le32 (data + 10);
        header = le32 (data + 14);
        if (header == 12)
          bpp = le16 (data + 24);
        else
          {
            bpp = le16 (data + 28);
            compression = le32 (data + 30);
          }
        /* Run-length encoded rows have no fixed size; gdk-pixbuf reports
         * their damage itself. */
        if (compression != 0 && compression != 3)
          return offset < length;
        rows = ((w * bpp + 31) / 32) * 4;
        if (h > 0 && rows > G_MAXUINT64 / 2 / h)
          return FALSE;
        rows *= h;
        return (guint64) offset + rows <= length;
      }
    default:
      return FALSE;
    }
}
