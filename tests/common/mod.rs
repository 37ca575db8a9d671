//! What several property-test files share: the bundled sample pages and the case count.
// Each test binary uses only some of these.
#![allow(dead_code)]

/// The five bundled sample pages.
pub const SAMPLES: [&str; 5] = [
    include_str!("../../samples/000_8fdd9bf000ddc4f6.txt"),
    include_str!("../../samples/001_d3bc5808f2e5369b.txt"),
    include_str!("../../samples/002_6f77061044261a34.txt"),
    include_str!("../../samples/003_821c980a34ad97fe.txt"),
    include_str!("../../samples/004_ccbe976229ff1e3f.txt"),
];

/// Every non-blank line of the samples, trimmed.
pub fn sample_lines() -> Vec<&'static str> {
    SAMPLES
        .iter()
        .flat_map(|s| s.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Cases per law: `PROPTEST_CASES`, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}
