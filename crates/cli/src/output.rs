//! Where a command writes its result: standard output, or a file given with `-o`, written so
//! that no run can destroy a file.
//!
//! Every command with `-o FILE` goes through [`Destination`]:
//!
//! 1. [`Destination::new`] runs before any work: it refuses (exit 2) an `-o` that is the same
//!    file as one of the command's inputs — compared by file identity (device and inode, or
//!    the Windows file index), so `./a.csv`, `a.csv`, a hard link and a symbolic link to it are
//!    all the same file — and an `-o` that is a folder.
//! 2. The result goes to a new temporary file in the same folder as `FILE`
//!    (`.FILE.tryghed-PID-N.tmp`), which is renamed onto `FILE` only when everything has been
//!    written and flushed. A failed run therefore leaves a pre-existing `FILE` byte-identical,
//!    and removes only the temporary file it created itself.
//! 3. A `FILE` that exists and is not a regular file (a device node such as `/dev/null`, a
//!    named pipe) is written to directly, never removed or replaced.
//!
//! ```text
//! let destination = Destination::new(args.output.as_deref(), &[Some(&args.input)])?;
//! // … read and check the input …
//! destination.write(&text)?;               // or, streaming:
//! let mut out = destination.open()?;       //   out implements Write
//! // … write! (out, …) …
//! out.finish()?;                           //   renames into place
//! ```

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use same_file::Handle;

use crate::common::CliError;

/// Where a command's result goes, checked before the command starts its work.
#[derive(Debug)]
pub(crate) struct Destination {
    /// `None` is standard output.
    path: Option<PathBuf>,
    /// `plan new`: the file must not exist yet.
    new_only: bool,
}

impl Destination {
    /// Standard output when `output` is `None`, else the file `output`.
    ///
    /// `inputs` are every file the command reads (`None` entries are options not given; `-`
    /// is standard input). An `output` that is the same file as any of them is refused, as is
    /// a folder: both are usage errors (exit 2).
    pub(crate) fn new(output: Option<&Path>, inputs: &[Option<&Path>]) -> Result<Self, CliError> {
        let Some(path) = output else {
            return Ok(Destination {
                path: None,
                new_only: false,
            });
        };
        if path.as_os_str().is_empty() {
            return Err(CliError::Usage("fejl: -o skal have et filnavn".to_owned()));
        }
        // Only a regular file can be replaced by the result; only a regular file is opened to
        // learn its identity (opening a named pipe could wait for ever).
        let regular = |p: &Path| fs::metadata(p).is_ok_and(|m| m.is_file());
        if regular(path)
            && let Ok(out) = Handle::from_path(path)
        {
            for input in inputs.iter().flatten() {
                let same = if input.as_os_str() == "-" {
                    Handle::stdin().is_ok_and(|stdin| stdin == out)
                } else {
                    regular(input) && Handle::from_path(input).is_ok_and(|handle| handle == out)
                };
                if same {
                    return Err(CliError::Usage(format!(
                        "fejl: -o {} er den samme fil som inddata {}; resultatet ville \
                         overskrive det, der læses. Vælg en anden fil til -o",
                        path.display(),
                        if input.as_os_str() == "-" {
                            "(standard input)".to_owned()
                        } else {
                            input.display().to_string()
                        }
                    )));
                }
            }
        }
        if path.is_dir() {
            return Err(CliError::Usage(format!(
                "fejl: -o {} er en mappe; angiv en fil",
                path.display()
            )));
        }
        Ok(Destination {
            path: Some(path.to_owned()),
            new_only: false,
        })
    }

    /// The same destination, refusing a file that exists already (exit 2), also one created
    /// while the command ran.
    pub(crate) fn new_only(self) -> Result<Self, CliError> {
        if let Some(path) = &self.path
            && fs::symlink_metadata(path).is_ok()
        {
            return Err(exists(path));
        }
        Ok(Destination {
            new_only: true,
            ..self
        })
    }

    /// Whether the result goes to standard output.
    pub(crate) fn is_stdout(&self) -> bool {
        self.path.is_none()
    }

    /// The name used in messages: the file's path, or "standard output".
    pub(crate) fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "standard output".to_owned(), |p| p.display().to_string())
    }

    /// Writes all of `text` and puts it in place. A closed standard output (`tryghed … |
    /// head`) is not an error.
    pub(crate) fn write(&self, text: &str) -> Result<(), CliError> {
        self.write_bytes(text.as_bytes())
    }

    /// As [`Destination::write`], for bytes (`report --format pdf`).
    pub(crate) fn write_bytes(&self, bytes: &[u8]) -> Result<(), CliError> {
        let mut out = self.open()?;
        match out.write_all(bytes) {
            Err(e) if out.is_stdout() && e.kind() == io::ErrorKind::BrokenPipe => {
                out.abandon();
                Ok(())
            }
            Err(e) => Err(self.io_error(&e)),
            Ok(()) => out.finish(),
        }
    }

    /// Opens the destination for streaming; [`Output::finish`] puts the result in place.
    /// Dropping the [`Output`] without `finish` removes the temporary file (and nothing else).
    pub(crate) fn open(&self) -> Result<Output, CliError> {
        let Some(path) = &self.path else {
            return Ok(Output {
                sink: Sink::Stdout(BufWriter::new(io::stdout().lock())),
                name: self.name(),
            });
        };
        let name = self.name();
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(CliError::Usage(format!(
                    "fejl: -o {} er en mappe; angiv en fil",
                    path.display()
                )));
            }
            Ok(meta) if meta.is_file() && meta.permissions().readonly() => {
                return Err(CliError::Usage(format!(
                    "fejl: -o {} er skrivebeskyttet; den overskrives ikke",
                    path.display()
                )));
            }
            Ok(meta) if !meta.is_file() => {
                if self.new_only {
                    return Err(exists(path));
                }
                // A device node or a named pipe: written to, never replaced or removed.
                let file = OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| CliError::io(path, &e))?;
                return Ok(Output {
                    sink: Sink::Special(BufWriter::new(file)),
                    name,
                });
            }
            _ => {}
        }
        // A symbolic link stays a link: the file it points to is replaced.
        let target = if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            fs::canonicalize(path).map_err(|e| CliError::io(path, &e))?
        } else {
            path.clone()
        };
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let file_name = target.file_name().map(ToOwned::to_owned).ok_or_else(|| {
            CliError::Usage(format!("fejl: -o {} er ikke et filnavn", path.display()))
        })?;
        let (temp, file) = create_temp(&folder, &file_name).map_err(|e| CliError::io(path, &e))?;
        // Keep an existing file's permissions.
        if let Ok(meta) = fs::metadata(&target) {
            let _ = fs::set_permissions(&temp, meta.permissions());
        }
        Ok(Output {
            sink: Sink::File(Temp {
                writer: Some(BufWriter::new(file)),
                path: temp,
                target,
                new_only: self.new_only,
                placed: false,
            }),
            name,
        })
    }

    fn io_error(&self, error: &io::Error) -> CliError {
        CliError::Usage(format!("fejl: {}: {error}", self.name()))
    }
}

fn exists(path: &Path) -> CliError {
    CliError::Usage(format!(
        "fejl: {} findes allerede; vælg en anden fil eller fjern den først",
        path.display()
    ))
}

/// A new, empty temporary file next to `file_name` in `folder`.
fn create_temp(folder: &Path, file_name: &std::ffi::OsStr) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let mut last = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut name = OsString::from(".");
        name.push(file_name);
        name.push(format!(".tryghed-{}-{n}.tmp", std::process::id()));
        let temp = folder.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name is free")))
}

/// An open destination. Write to it, then call [`Output::finish`].
pub(crate) struct Output {
    sink: Sink,
    name: String,
}

enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    Special(BufWriter<File>),
    File(Temp),
    /// Finished or abandoned.
    Done,
}

/// A temporary file that becomes `target` on success and disappears otherwise.
struct Temp {
    writer: Option<BufWriter<File>>,
    path: PathBuf,
    target: PathBuf,
    new_only: bool,
    /// Renamed into place: there is nothing left to remove.
    placed: bool,
}

impl Temp {
    fn writer(&mut self) -> io::Result<&mut BufWriter<File>> {
        self.writer
            .as_mut()
            .ok_or_else(|| io::Error::other("the output is closed"))
    }

    /// Flushes, syncs and renames the temporary file onto the target.
    fn commit(&mut self) -> Result<(), CliError> {
        let io_error = |e: &io::Error| CliError::io(&self.target, e);
        if let Some(writer) = self.writer.take() {
            let file = writer.into_inner().map_err(|e| io_error(e.error()))?;
            file.sync_all().map_err(|e| io_error(&e))?;
        }
        if self.new_only {
            // A hard link fails if the target exists, even one created meanwhile.
            match fs::hard_link(&self.path, &self.target) {
                Ok(()) => {
                    let _ = fs::remove_file(&self.path);
                    self.placed = true;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(exists(&self.target));
                }
                // A file system without hard links: check, then rename.
                Err(_) if fs::symlink_metadata(&self.target).is_ok() => {
                    return Err(exists(&self.target));
                }
                Err(_) => {}
            }
        }
        fs::rename(&self.path, &self.target).map_err(|e| io_error(&e))?;
        self.placed = true;
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        drop(self.writer.take());
        // Only the temporary file this run created, and only while it is still ours.
        if !self.placed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

impl Output {
    /// Whether this is standard output.
    pub(crate) fn is_stdout(&self) -> bool {
        matches!(self.sink, Sink::Stdout(_))
    }

    /// Flushes everything and puts the file in place. A closed standard output is not an
    /// error.
    pub(crate) fn finish(mut self) -> Result<(), CliError> {
        let sink = std::mem::replace(&mut self.sink, Sink::Done);
        let flushed = match sink {
            Sink::Stdout(mut w) => match w.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            },
            Sink::Special(mut w) => w.flush(),
            Sink::File(mut temp) => return temp.commit(),
            Sink::Done => Ok(()),
        };
        flushed.map_err(|e| CliError::Usage(format!("fejl: {}: {e}", self.name)))
    }

    /// Stops without putting anything in place (the temporary file is removed).
    pub(crate) fn abandon(mut self) {
        self.sink = Sink::Done;
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(w) => w.write(buf),
            Sink::Special(w) => w.write(buf),
            Sink::File(temp) => temp.writer()?.write(buf),
            Sink::Done => Err(io::Error::other("the output is closed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(w) => w.flush(),
            Sink::Special(w) => w.flush(),
            Sink::File(temp) => temp.writer()?.flush(),
            Sink::Done => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("tryghed-output-unit-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_dropped_output_leaves_the_old_file_and_no_temporary() {
        let dir = folder("dropped");
        let path = dir.join("out.txt");
        fs::write(&path, "old").unwrap();
        let destination = Destination::new(Some(&path), &[]).unwrap();
        let mut out = destination.open().unwrap();
        out.write_all(b"new, but the run fails").unwrap();
        drop(out);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(entries(&dir), ["out.txt"]);
    }

    #[test]
    fn a_finished_output_replaces_the_file() {
        let dir = folder("finished");
        let path = dir.join("out.txt");
        fs::write(&path, "old").unwrap();
        Destination::new(Some(&path), &[])
            .unwrap()
            .write("new")
            .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(&dir), ["out.txt"]);
    }

    #[test]
    fn the_same_file_by_another_name_is_refused() {
        let dir = folder("same");
        let path = dir.join("in.csv");
        fs::write(&path, "a").unwrap();
        let other_name = dir.join(".").join("in.csv");
        let error = Destination::new(Some(&other_name), &[None, Some(&path)]).unwrap_err();
        assert!(matches!(error, CliError::Usage(_)), "{error}");
        let link = dir.join("hard.csv");
        fs::hard_link(&path, &link).unwrap();
        assert!(Destination::new(Some(&link), &[Some(&path)]).is_err());
        // A different file is fine.
        assert!(Destination::new(Some(&dir.join("out.csv")), &[Some(&path)]).is_ok());
    }

    #[test]
    fn new_only_refuses_an_existing_file_and_one_created_meanwhile() {
        let dir = folder("new-only");
        let path = dir.join("plan.toml");
        fs::write(&path, "mine").unwrap();
        assert!(
            Destination::new(Some(&path), &[])
                .unwrap()
                .new_only()
                .is_err()
        );
        let later = dir.join("later.toml");
        let destination = Destination::new(Some(&later), &[])
            .unwrap()
            .new_only()
            .unwrap();
        let mut out = destination.open().unwrap();
        out.write_all(b"skeleton").unwrap();
        fs::write(&later, "written by someone else meanwhile").unwrap();
        assert!(out.finish().is_err());
        assert_eq!(
            fs::read_to_string(&later).unwrap(),
            "written by someone else meanwhile"
        );
        assert_eq!(entries(&dir), ["later.toml", "plan.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link_and_its_target_is_replaced() {
        let dir = folder("symlink");
        let target = dir.join("target.txt");
        fs::write(&target, "old").unwrap();
        let link = dir.join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        Destination::new(Some(&link), &[])
            .unwrap()
            .write("new")
            .unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_special_file_is_never_removed_when_it_cannot_be_opened() {
        use std::os::unix::fs::FileTypeExt;
        let dir = folder("special");
        let socket = dir.join("socket");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let destination = Destination::new(Some(&socket), &[]).unwrap();
        assert!(destination.write("text").is_err());
        let kind = fs::symlink_metadata(&socket).unwrap().file_type();
        assert!(kind.is_socket());
        assert_eq!(entries(&dir), ["socket"]);
    }
}
