//! Atomic file writes: write a temporary file in the destination folder, then rename it over
//! the destination, so a reader never sees half a file and a failed run leaves no debris.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use tempfile::NamedTempFile;

/// An output file being written; nothing appears at `dest` until [`AtomicFile::commit`].
pub struct AtomicFile {
    temp: NamedTempFile,
    dest: std::path::PathBuf,
    /// Permissions to give the result (those of the file it replaces, when there is one).
    permissions: Option<fs::Permissions>,
}

impl AtomicFile {
    /// Starts writing `dest`, creating its parent folders.
    pub fn create(dest: &Path) -> io::Result<AtomicFile> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        fs::create_dir_all(dir)?;
        let temp = tempfile::Builder::new()
            .prefix(".thresh-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        let permissions = fs::metadata(dest).ok().map(|m| m.permissions());
        Ok(AtomicFile {
            temp,
            dest: dest.to_path_buf(),
            permissions,
        })
    }

    pub fn file(&mut self) -> &mut fs::File {
        self.temp.as_file_mut()
    }

    /// Flushes and renames the temporary file over the destination.
    pub fn commit(mut self) -> io::Result<()> {
        self.temp.as_file_mut().flush()?;
        let permissions = match self.permissions.take() {
            Some(p) => p,
            None => default_permissions(),
        };
        fs::set_permissions(self.temp.path(), permissions)?;
        self.temp.persist(&self.dest).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(unix)]
fn default_permissions() -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> fs::Permissions {
    // Only the read-only flag exists here: a fresh file is writable.
    let mut p = fs::metadata(".")
        .map(|m| m.permissions())
        .expect("cwd metadata");
    p.set_readonly(false);
    p
}

// Lets a `BufWriter` or an encoder sit on the file being written.
impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.temp.as_file_mut().write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.temp.as_file_mut().flush()
    }
}

/// Writes `bytes` to `dest` atomically.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(dest)?;
    file.file().write_all(bytes)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_and_creates_folders() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a/b/c.txt");
        write_atomic(&dest, b"hello\n").unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"hello\n");
        write_atomic(&dest, b"again\n").unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"again\n");
        let leftovers: Vec<_> = fs::read_dir(dest.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left behind");
    }

    #[test]
    fn uncommitted_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("x.txt");
        {
            let mut f = AtomicFile::create(&dest).unwrap();
            f.file().write_all(b"partial").unwrap();
        }
        assert!(!dest.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
