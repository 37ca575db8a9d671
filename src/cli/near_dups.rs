//! The near-duplicate part of `thresh check` (rule N001): the checked files are compared
//! with each other and with the corpus (`--corpus`, or `[check] corpus` in `thresh.toml`).
//! Signatures of unchanged files come from the corpus cache in `.thresh/`, so a commit of a
//! few files against a large indexed corpus only cleans and signs those files.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use thresh::cache::corpus::{Documents, Part};
use thresh::cache::{CorpusCache, FileStamp};
use thresh::diagnostics::Diagnostic;
use thresh::document::Source;
use thresh::dups::query::find_matches;
use thresh::dups::{sign_units, DupSettings, Fingerprint, SignedUnits, NEAR_DUPLICATE};
use thresh::io::inputs::{self, Input, InputFormat};
use thresh::runner::{self, Digester, Observer, Outcome, OutputMode, RunOptions};

use super::common::{print_problem, PipelineArgs, Pipelines};

/// What the near-duplicate check needs to know.
pub struct NearDupRequest<'a> {
    /// The checked inputs.
    pub inputs: &'a [Input],
    /// `--corpus` paths (empty: the configuration's `[check] corpus`).
    pub corpus: &'a [PathBuf],
    /// Where the corpus cache lives (None: no cache).
    pub cache_dir: Option<&'a Path>,
    pub pipelines: &'a Pipelines,
    pub pipeline_args: &'a PipelineArgs,
}

/// N001 findings per checked input (by index into `inputs`). Problems with corpus files are
/// printed as warnings: a broken corpus file does not fail the check of other files.
pub fn check(request: &NearDupRequest<'_>) -> anyhow::Result<HashMap<usize, Vec<Diagnostic>>> {
    let Some(first) = request.inputs.iter().find(|i| !i.is_stdin()) else {
        return Ok(HashMap::new());
    };
    let config_path = request.pipelines.config_path_for(&first.path);
    // A configuration that does not load was reported with the file's other findings.
    let Ok(settings) = request.pipelines.settings(config_path.as_deref()) else {
        return Ok(HashMap::new());
    };
    // Per input (not a list searched per input: `check corpus/` has one input per file).
    let wanted: Vec<bool> = request
        .inputs
        .iter()
        .map(|input| n001_enabled(request.pipelines, input))
        .collect();
    if !wanted.contains(&true) {
        return Ok(HashMap::new());
    }
    let dups = settings.dups.clone();

    // The corpus: `--corpus`, else `[check] corpus` relative to the configuration's folder.
    let corpus_paths: Vec<PathBuf> = if !request.corpus.is_empty() {
        request.corpus.to_vec()
    } else {
        let base = config_path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        settings.check.corpus.iter().map(|p| base.join(p)).collect()
    };
    let (corpus_inputs, problems) = inputs::collect_unordered(&corpus_paths);
    for problem in &problems {
        eprintln!(
            "warning: corpus {}: {} (not compared)",
            problem.path.display(),
            problem.message
        );
    }

    // Every file to sign, once: the checked ones first, then the rest of the corpus.
    let cwd = std::env::current_dir()?;
    let mut files: Vec<Input> = Vec::new();
    // Keyed by the path's bytes: hashing a `Path` walks its components.
    let mut seen: HashSet<std::ffi::OsString> = HashSet::new();
    let mut absolutes: Vec<PathBuf> = Vec::new();
    let mut query_file = Vec::new();
    for (i, input) in request.inputs.iter().enumerate() {
        let path = absolute(&cwd, &input.path);
        if !input.is_stdin() && seen.insert(path.clone().into_os_string()) {
            absolutes.push(path);
            files.push(input.clone());
            query_file.push(wanted[i].then_some(i));
        }
    }
    let checked = files.len();
    for input in corpus_inputs {
        let path = absolute(&cwd, &input.path);
        if seen.insert(path.clone().into_os_string()) {
            absolutes.push(path);
            files.push(input);
        }
    }

    let (mut cache, warning) = match request.cache_dir {
        Some(dir) => CorpusCache::open(dir, &dups),
        None => (CorpusCache::open_in_memory(&dups), None),
    };
    if let Some(w) = warning {
        eprintln!("warning: {w}");
    }
    let documents = signatures(&files, &absolutes, checked, &mut cache, request, &dups);

    // Queries: the documents of the checked files where N001 applies; `checked_set`: those
    // of every checked file (they are compared with each other below, not as corpus).
    let mut queries = cache.set(Part::Fresh).empty_like();
    let mut checked_set = queries.empty_like();
    let mut query_owner: Vec<(usize, u64)> = Vec::new(); // (input index, line)
    let mut checked_docs: HashSet<(Part, usize)> = HashSet::new();
    for (f, owner) in query_file.iter().enumerate() {
        let Some(docs) = &documents[f] else { continue };
        let set = cache.set(docs.part);
        for i in docs.range.clone() {
            checked_docs.insert((docs.part, i));
            checked_set.push_from(set, i);
            if let Some(input_index) = owner {
                queries.push_from(set, i);
                query_owner.push((*input_index, cache.line_of(docs.part, i)));
            }
        }
    }

    // Each query's copies: the corpus documents of this run outside the checked files,
    // and checked documents whose id sorts before it.
    let mut copies: Vec<Vec<Copy>> = vec![Vec::new(); queries.len()];
    for (part, live) in cache.live_documents() {
        let set = cache.set(part);
        for m in find_matches(set, &queries, &dups) {
            if live[m.corpus] && !checked_docs.contains(&(part, m.corpus)) {
                copies[m.query].push(Copy {
                    id: set.id(m.corpus).to_string(),
                    distance: m.distance,
                    jaccard: m.evidence.jaccard,
                    containment: m.evidence.containment,
                });
            }
        }
    }
    let among = checked_set.find_duplicates(&dups).pairs;
    let position: HashMap<&str, usize> = (0..queries.len()).map(|q| (queries.id(q), q)).collect();
    for pair in among {
        if let Some(&q) = position.get(pair.b.as_str()) {
            copies[q].push(Copy {
                id: pair.a,
                distance: pair.distance,
                jaccard: pair.jaccard,
                containment: pair.containment,
            });
        }
    }

    let mut found: HashMap<usize, Vec<Diagnostic>> = HashMap::new();
    for (q, mut list) in copies.into_iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        list.sort_by(|x, y| {
            y.jaccard
                .total_cmp(&x.jaccard)
                .then_with(|| x.id.cmp(&y.id))
        });
        let (input_index, line) = query_owner[q];
        let nearest = &list[0];
        let more = match list.len() - 1 {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let input = &request.inputs[input_index];
        found.entry(input_index).or_default().push(Diagnostic {
            path: input.path.display().to_string(),
            line,
            column: 1,
            code: NEAR_DUPLICATE.code.to_string(),
            rule: NEAR_DUPLICATE.name.to_string(),
            message: format!(
                "near-duplicate of {} (distance {}, containment {:.2}){more}",
                nearest.id, nearest.distance, nearest.containment
            ),
            document: queries.id(q).to_string(),
            width: 0,
            source_line: None,
        });
    }
    if let Err(e) = cache.save() {
        eprintln!("warning: cannot write the corpus cache: {e}");
    }
    Ok(found)
}

#[derive(Clone)]
struct Copy {
    id: String,
    distance: u32,
    jaccard: f64,
    containment: f64,
}

/// Whether N001 applies to `input` under its configuration.
fn n001_enabled(pipelines: &Pipelines, input: &Input) -> bool {
    !input.is_stdin()
        && pipelines
            .settings_for(input)
            .is_some_and(|s| s.rule_enabled(NEAR_DUPLICATE.code))
}

/// The signatures of every file, from the cache or freshly made; `None` for a file that
/// could not be read or cleaned.
fn signatures(
    files: &[Input],
    absolutes: &[PathBuf],
    checked: usize,
    cache: &mut CorpusCache,
    request: &NearDupRequest<'_>,
    dups: &DupSettings,
) -> Vec<Option<Documents>> {
    let configs: Vec<Option<u64>> = files
        .iter()
        .map(|input| request.pipelines.config_hash_for(input))
        .collect();
    // Most of the time of a check against a large indexed corpus: one stat per file.
    let stamps: Vec<Option<FileStamp>> = absolutes.par_iter().map(|p| FileStamp::of(p)).collect();
    let mut documents: Vec<Option<Documents>> = (0..files.len())
        .map(|f| match (configs[f], stamps[f]) {
            (Some(config), Some(stamp)) => cache.reuse_stamped(&absolutes[f], stamp, config),
            _ => None,
        })
        .collect();

    let stale: Vec<usize> = (0..files.len())
        .filter(|&f| documents[f].is_none() && configs[f].is_some())
        .collect();
    if stale.is_empty() {
        return documents;
    }
    let stale_inputs: Vec<Input> = stale.iter().map(|&f| files[f].clone()).collect();
    let checked_paths: HashSet<&Path> = files[..checked].iter().map(|f| f.path.as_path()).collect();
    let signed = sign_documents(&stale_inputs, &checked_paths, request, dups);
    let mut set = cache.set(Part::Fresh).empty_like();
    let mut per_file: HashMap<&Path, Vec<(u64, usize)>> = HashMap::new();
    for (path, line, id, signed) in &signed {
        let docs = per_file.entry(path.as_path()).or_default();
        if let Some((chars, fp)) = signed {
            set.push(id.clone(), *chars, fp);
            docs.push((*line, set.len() - 1));
        }
    }
    for f in stale {
        let (input, Some(config)) = (&files[f], configs[f]) else {
            continue;
        };
        // A file with no outcome failed (its problem was printed): nothing to compare.
        let Some(docs) = per_file.get(input.path.as_path()) else {
            continue;
        };
        let Ok(content) = std::fs::read(&input.path) else {
            continue;
        };
        documents[f] = Some(cache.insert(&absolutes[f], config, &content, docs, &set));
    }
    documents
}

/// `(file, line, id, signature)` of every document of `files`, signed as `dups` signs
/// them (by the worker that cleaned each one).
fn sign_documents(
    files: &[Input],
    checked: &HashSet<&Path>,
    request: &NearDupRequest<'_>,
    dups: &DupSettings,
) -> Vec<SignedDocument> {
    struct Collect<'a> {
        checked: &'a HashSet<&'a Path>,
        signed: Vec<SignedDocument>,
    }
    impl Observer for Collect<'_> {
        fn outcome(&mut self, outcome: Outcome<'_>) -> io::Result<()> {
            let line = match &outcome.doc.source {
                Some(Source::JsonlLine { line, .. }) => *line,
                _ => 1,
            };
            let id = if outcome.input.format == InputFormat::Text {
                display_path(&outcome.input.path)
            } else {
                outcome.doc.id.clone()
            };
            let units: Box<SignedUnits> = outcome
                .digest
                .and_then(|d| d.downcast().ok())
                .expect("the run signs every document");
            // One unit: the whole document (no articles here).
            for (_, signed) in *units {
                self.signed
                    .push((outcome.input.path.clone(), line, id.clone(), signed));
            }
            Ok(())
        }

        fn error(
            &mut self,
            location: &str,
            _id: &str,
            source: Option<&Source>,
            message: &str,
        ) -> io::Result<()> {
            // The checked files' errors are reported by the findings run; corpus files'
            // are warnings here.
            if !source
                .and_then(Source::path)
                .is_some_and(|p| self.checked.contains(p))
            {
                eprintln!("warning: corpus {location}: {message} (not compared)");
            }
            Ok(())
        }

        fn skipped(&mut self, _location: &str, _message: &str) -> io::Result<()> {
            Ok(())
        }
    }
    let mut collect = Collect {
        checked,
        signed: Vec::new(),
    };
    let signing = dups.clone();
    let options = RunOptions {
        output: OutputMode::Discard,
        stdin_format: request.pipeline_args.stdin_format(),
        // Signatures need the content, not a fixed point of cleaning (as `dups`).
        settle: false,
        digest: Some(Digester(Arc::new(move |doc| {
            Box::new(sign_units(doc, false, &signing))
        }))),
        ..RunOptions::default()
    };
    let bar = indicatif::ProgressBar::hidden();
    if let Err(e) = runner::run(
        files,
        &options,
        request.pipelines,
        &mut io::sink(),
        &mut collect,
    ) {
        print_problem(&bar, "warning", &format!("corpus: {e}"));
    }
    collect.signed
}

/// `(file, line, id, chars and fingerprint)`; no signature for a document without text.
type SignedDocument = (PathBuf, u64, String, Option<(u64, Fingerprint)>);

/// `path` made absolute against the current folder, without `.` components: one key per
/// file however it was named (`news/a.txt`, `./news/a.txt`).
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    // Already clean (the common case: a folder walked from an absolute root).
    if joined
        .to_str()
        .is_some_and(|s| !s.contains("/./") && !s.ends_with("/."))
    {
        return joined;
    }
    joined
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// `path` as shown in findings: without a leading `./`.
fn display_path(path: &Path) -> String {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    cleaned.display().to_string()
}
