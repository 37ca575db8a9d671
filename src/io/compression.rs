//! Transparent (de)compression for `.jsonl.gz` and `.jsonl.zst` shards.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

/// How a shard is compressed, decided by its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn from_path(path: &Path) -> Compression {
        let name = path.to_string_lossy();
        if name.ends_with(".gz") {
            Compression::Gzip
        } else if name.ends_with(".zst") {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// Wraps `reader` so that it yields decompressed bytes.
    pub fn reader<'a, R: Read + 'a>(self, reader: R) -> io::Result<Box<dyn BufRead + 'a>> {
        const BUF: usize = 1 << 20;
        Ok(match self {
            Compression::None => Box::new(BufReader::with_capacity(BUF, reader)),
            Compression::Gzip => Box::new(BufReader::with_capacity(
                BUF,
                flate2::read::MultiGzDecoder::new(BufReader::new(reader)),
            )),
            Compression::Zstd => Box::new(BufReader::with_capacity(
                BUF,
                zstd::stream::read::Decoder::new(reader)?,
            )),
        })
    }

    /// Wraps `writer` so that bytes written to it are compressed; call
    /// [`CompressedWriter::finish`] to flush the stream trailer.
    pub fn writer<'a, W: Write + 'a>(self, writer: W) -> io::Result<CompressedWriter<'a, W>> {
        Ok(match self {
            Compression::None => {
                CompressedWriter::Plain(io::BufWriter::with_capacity(1 << 20, writer))
            }
            Compression::Gzip => CompressedWriter::Gzip(flate2::write::GzEncoder::new(
                writer,
                flate2::Compression::default(),
            )),
            Compression::Zstd => {
                CompressedWriter::Zstd(zstd::stream::write::Encoder::new(writer, 3)?)
            }
        })
    }
}

/// A writer that compresses (or not) what is written to it.
pub enum CompressedWriter<'a, W: Write> {
    Plain(io::BufWriter<W>),
    Gzip(flate2::write::GzEncoder<W>),
    Zstd(zstd::stream::write::Encoder<'a, W>),
}

impl<W: Write> CompressedWriter<'_, W> {
    /// Ends the stream and returns the inner writer.
    pub fn finish(self) -> io::Result<W> {
        match self {
            CompressedWriter::Plain(w) => w.into_inner().map_err(|e| e.into_error()),
            CompressedWriter::Gzip(w) => w.finish(),
            CompressedWriter::Zstd(w) => w.finish(),
        }
    }
}

impl<W: Write> Write for CompressedWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            CompressedWriter::Plain(w) => w.write(buf),
            CompressedWriter::Gzip(w) => w.write(buf),
            CompressedWriter::Zstd(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            CompressedWriter::Plain(w) => w.flush(),
            CompressedWriter::Gzip(w) => w.flush(),
            CompressedWriter::Zstd(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_compression() {
        for c in [Compression::None, Compression::Gzip, Compression::Zstd] {
            let mut w = c.writer(Vec::new()).unwrap();
            w.write_all(b"{\"text\":\"a\"}\n").unwrap();
            let bytes = w.finish().unwrap();
            let mut out = String::new();
            c.reader(&bytes[..])
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            assert_eq!(out, "{\"text\":\"a\"}\n", "{c:?}");
        }
        assert_eq!(
            Compression::from_path(Path::new("a.jsonl.zst")),
            Compression::Zstd
        );
        assert_eq!(
            Compression::from_path(Path::new("a.jsonl.gz")),
            Compression::Gzip
        );
    }
}
