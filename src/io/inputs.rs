//! Which inputs a run covers: files named on the command line, files found by walking a
//! folder (`.gitignore` respected, sorted so runs are deterministic), or standard input.

use std::path::{Path, PathBuf};

use super::compression::Compression;

/// How an input holds its documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// The whole input is one document.
    Text,
    /// One JSON record (one document) per line.
    Jsonl(Compression),
}

impl InputFormat {
    /// `.jsonl`, `.jsonl.gz`, `.jsonl.zst` hold records; everything else is one document.
    pub fn from_path(path: &Path) -> InputFormat {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") || name.ends_with(".jsonl.zst") {
            InputFormat::Jsonl(Compression::from_path(path))
        } else {
            InputFormat::Text
        }
    }
}

/// One input of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path as it will be shown (`-` for standard input).
    pub path: PathBuf,
    /// The folder named on the command line that this file was found in, if any; output paths
    /// mirror the tree below it.
    pub root: Option<PathBuf>,
    /// Named on the command line (errors for binaries) rather than found by walking (skipped).
    pub explicit: bool,
    pub format: InputFormat,
}

impl Input {
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The path of this input relative to its root folder (its file name when it was named
    /// directly).
    pub fn relative_path(&self) -> PathBuf {
        if let Some(root) = &self.root {
            if let Ok(rel) = self.path.strip_prefix(root) {
                return rel.to_path_buf();
            }
        }
        match self.path.file_name() {
            Some(name) => PathBuf::from(name),
            None => PathBuf::from("stdin"),
        }
    }
}

/// A problem found while listing inputs (the run goes on without it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputProblem {
    pub path: PathBuf,
    pub message: String,
}

/// Expands the command-line paths into inputs: files as given, folders walked recursively
/// (`.gitignore`, `.ignore` and hidden files respected, sorted by path), `-` as standard input.
/// `exclude` (the output folder) is never walked into.
pub fn collect(paths: &[PathBuf], exclude: Option<&Path>) -> (Vec<Input>, Vec<InputProblem>) {
    collect_walking(paths, exclude, true)
}

/// [`collect`] for callers that do not need the walk order: folders are walked without
/// sorting (sorting siblings parses every path again; on a flat folder of 100k files it is
/// a good share of a quick check's time).
pub fn collect_unordered(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputProblem>) {
    collect_walking(paths, None, false)
}

fn collect_walking(
    paths: &[PathBuf],
    exclude: Option<&Path>,
    sorted: bool,
) -> (Vec<Input>, Vec<InputProblem>) {
    let exclude = exclude.and_then(|p| std::fs::canonicalize(p).ok());
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                path: path.clone(),
                root: None,
                explicit: true,
                format: InputFormat::Text,
            });
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => problems.push(InputProblem {
                path: path.clone(),
                message: describe_io_error(&e),
            }),
            Ok(meta) if meta.is_dir() => {
                walk(path, exclude.as_deref(), sorted, &mut inputs, &mut problems)
            }
            Ok(_) => inputs.push(Input {
                path: path.clone(),
                root: None,
                explicit: true,
                format: InputFormat::from_path(path),
            }),
        }
    }
    (inputs, problems)
}

fn walk(
    root: &Path,
    exclude: Option<&Path>,
    sorted: bool,
    inputs: &mut Vec<Input>,
    problems: &mut Vec<InputProblem>,
) {
    let exclude = exclude.map(Path::to_path_buf);
    let mut builder = ignore::WalkBuilder::new(root);
    if sorted {
        // Siblings by name (the same order as by whole path, without comparing every
        // ancestor component).
        builder.sort_by_file_name(|a, b| a.cmp(b));
    }
    let walker = builder
        // A corpus folder need not be a git repository for its .gitignore to count.
        .require_git(false)
        .filter_entry(move |entry| match &exclude {
            Some(ex) => std::fs::canonicalize(entry.path()).map_or(true, |p| &p != ex),
            None => true,
        })
        .build();
    for entry in walker {
        match entry {
            Err(e) => problems.push(InputProblem {
                path: root.to_path_buf(),
                message: e.to_string(),
            }),
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = entry.path().to_path_buf();
                if path
                    .file_name()
                    .is_some_and(|n| n == crate::config::CONFIG_FILE_NAME)
                {
                    continue;
                }
                inputs.push(Input {
                    format: InputFormat::from_path(&path),
                    path,
                    root: Some(root.to_path_buf()),
                    explicit: false,
                });
            }
        }
    }
}

/// A short, lower-case description of an I/O error (`no such file or directory`).
pub fn describe_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            // Drop the "(os error N)" suffix the standard library adds.
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_sorted_respects_gitignore_and_skips_output_dir() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b")).unwrap();
        fs::create_dir_all(root.join("out")).unwrap();
        fs::write(root.join("b/2.txt"), "x").unwrap();
        fs::write(root.join("a.jsonl.gz"), "").unwrap();
        fs::write(root.join("skip.log"), "x").unwrap();
        fs::write(root.join("out/old.txt"), "x").unwrap();
        fs::write(root.join(".gitignore"), "*.log\n").unwrap();
        let (inputs, problems) = collect(&[root.to_path_buf()], Some(&root.join("out")));
        assert!(problems.is_empty());
        let rel: Vec<_> = inputs.iter().map(|i| i.relative_path()).collect();
        assert_eq!(
            rel,
            vec![PathBuf::from("a.jsonl.gz"), PathBuf::from("b/2.txt")]
        );
        assert_eq!(inputs[0].format, InputFormat::Jsonl(Compression::Gzip));
        assert!(!inputs[0].explicit);
    }

    #[test]
    fn missing_path_is_a_problem_not_a_panic() {
        let (inputs, problems) = collect(&[PathBuf::from("/no/such/thing")], None);
        assert!(inputs.is_empty());
        assert_eq!(problems[0].message, "no such file or directory");
    }
}
