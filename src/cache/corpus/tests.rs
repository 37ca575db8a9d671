use super::*;

const STORY: &str = "海上丝路与南汉国史料展21日在广州开幕，南汉开国皇帝刘龑相关的墓志拓片、宫殿建筑构件等120余件文物首次集中展出。";

fn signed(text: &str) -> SignatureSet {
    let mut set = SignatureSet::new(&DupSettings::default());
    assert!(set.add_text("doc", text));
    set
}

fn files(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let path = dir.join(format!("f{i:02}.txt"));
            fs::write(&path, format!("{STORY}{i}")).unwrap();
            path
        })
        .collect()
}

/// Signs every file afresh unless the cache has it; returns how many were signed afresh.
fn run(cache_dir: &Path, paths: &[PathBuf]) -> usize {
    let (mut cache, warning) = CorpusCache::open(cache_dir, &DupSettings::default());
    assert!(warning.is_none(), "{warning:?}");
    let mut signed_afresh = 0;
    for path in paths {
        if cache.reuse(path, 7).is_none() {
            let text = fs::read_to_string(path).unwrap();
            let docs = cache.insert(path, 7, text.as_bytes(), &[(1, 0)], &signed(&text));
            assert_eq!(docs.part, Part::Fresh);
            signed_afresh += 1;
        }
    }
    let live = cache.live_documents();
    let total: usize = live
        .iter()
        .map(|(_, m)| m.iter().filter(|&&b| b).count())
        .sum();
    assert_eq!(total, paths.len(), "one live document per file");
    cache.save().unwrap();
    signed_afresh
}

#[test]
fn unchanged_files_are_reused_changed_ones_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    fs::write(&a, STORY).unwrap();
    fs::write(&b, "other").unwrap();
    let cache_dir = dir.path().join(".thresh");
    let settings = DupSettings::default();

    let (mut cache, warning) = CorpusCache::open(&cache_dir, &settings);
    assert!(warning.is_none());
    assert_eq!(cache.reuse(&a, 7), None);
    let docs = cache.insert(&a, 7, STORY.as_bytes(), &[(1, 0)], &signed(STORY));
    assert_eq!(docs.range, 0..1);
    cache.insert(&b, 7, b"other", &[], &signed(STORY));
    let simhash = cache.set(Part::Fresh).simhash(0);
    cache.save().unwrap();
    assert!(cache_dir.join(".gitignore").is_file());
    assert!(cache_dir.join(BASE_FILE).is_file());

    let (mut cache, warning) = CorpusCache::open(&cache_dir, &settings);
    assert!(warning.is_none());
    assert_eq!(cache.reuse(&b, 8), None, "other configuration");
    assert!(cache.reuse(&b, 7).expect("unchanged").range.is_empty());
    let docs = cache.reuse(&a, 7).expect("unchanged");
    assert_eq!(cache.set(docs.part).simhash(docs.range.start), simhash);
    assert_eq!(cache.line_of(docs.part, docs.range.start), 1);
    cache.save().unwrap();

    fs::write(&a, format!("{STORY}!")).unwrap();
    let (mut cache, _) = CorpusCache::open(&cache_dir, &settings);
    assert_eq!(cache.reuse(&a, 7), None, "changed content");
}

#[test]
fn a_few_changes_go_to_the_delta_many_compact_the_base() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join(".thresh");
    let paths = files(dir.path(), 40);
    assert_eq!(run(&cache_dir, &paths), 40);
    let base_written = fs::metadata(cache_dir.join(BASE_FILE))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(run(&cache_dir, &paths), 0, "nothing changed");
    assert!(!cache_dir.join(DELTA_FILE).exists());

    // Two changed files: signed again, kept in the delta; the base is not rewritten.
    fs::write(&paths[3], "改过的第三篇。").unwrap();
    fs::write(&paths[7], "改过的第七篇，长度也不同了。").unwrap();
    assert_eq!(run(&cache_dir, &paths), 2);
    assert!(cache_dir.join(DELTA_FILE).is_file());
    let modified = fs::metadata(cache_dir.join(BASE_FILE))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(modified, base_written);
    assert_eq!(run(&cache_dir, &paths), 0, "the delta is used");

    // Many changes: compacted into a new base, the delta is gone, and still nothing is lost.
    for path in &paths[10..20] {
        fs::write(path, "整批改写的文章内容。").unwrap();
    }
    assert_eq!(run(&cache_dir, &paths), 10);
    assert!(!cache_dir.join(DELTA_FILE).exists());
    assert_eq!(run(&cache_dir, &paths), 0);
}

#[test]
fn touched_but_unchanged_files_are_not_signed_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join(".thresh");
    let paths = files(dir.path(), 3);
    assert_eq!(run(&cache_dir, &paths), 3);
    let text = fs::read(&paths[1]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&paths[1], text).unwrap();
    assert_eq!(run(&cache_dir, &paths), 0);
    assert_eq!(run(&cache_dir, &paths), 0);
}

#[test]
fn corrupt_cache_is_a_warning_and_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(BASE_FILE),
        b"THRCORP1garbage-garbage-garbage",
    )
    .unwrap();
    let (cache, warning) = CorpusCache::open(dir.path(), &DupSettings::default());
    assert!(warning.unwrap().contains("unreadable cache"));
    assert!(cache.set(Part::Base).is_empty());
}

#[test]
fn other_signature_settings_start_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    fs::write(&a, STORY).unwrap();
    let (mut cache, _) = CorpusCache::open(dir.path(), &DupSettings::default());
    cache.insert(&a, 1, STORY.as_bytes(), &[(1, 0)], &signed(STORY));
    cache.save().unwrap();
    let other = DupSettings {
        shingle: 5,
        ..DupSettings::default()
    };
    let (mut cache, warning) = CorpusCache::open(dir.path(), &other);
    assert!(warning.is_none());
    assert_eq!(cache.reuse(&a, 1), None);
}
