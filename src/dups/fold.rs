//! Traditional → Simplified folding for canonical keys, one character at a time.
//!
//! OpenCC converts phrases; keys only need characters, and calling the converter for every
//! document would cost more than the rest of the hashing. So the converter is run once, on
//! every CJK ideograph separated by line ends (so no phrase rule can fire), and the
//! one-character results become a lookup table.

use std::collections::HashMap;
use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

/// The ideograph ranges folded: the unified ideographs, extension A, the compatibility
/// ideographs, and extensions B–F.
const HAN_RANGES: &[(u32, u32)] = &[
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2EBEF),
];

struct FoldTable {
    /// Basic multilingual plane: `bmp[c]` is the folded code point, 0 when unchanged.
    bmp: Vec<u16>,
    /// The few folds from or to a supplementary-plane character.
    astral: HashMap<char, char>,
}

fn table() -> &'static FoldTable {
    static TABLE: OnceLock<FoldTable> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> FoldTable {
    let mut table = FoldTable {
        bmp: vec![0; 0x10000],
        astral: HashMap::new(),
    };
    // Hong Kong and Taiwan variants fold to the same simplified form as the generic
    // traditional ones; running all three catches characters only one of them lists.
    for config in [BuiltinConfig::T2s, BuiltinConfig::Tw2s, BuiltinConfig::Hk2s] {
        // The converter is built from data compiled into the binary: it can only fail if
        // that data is broken, in which case keys simply stay unfolded.
        let Ok(converter) = OpenCC::from_config(config) else {
            continue;
        };
        let mut input = String::new();
        let mut chars = Vec::new();
        for &(lo, hi) in HAN_RANGES {
            for c in (lo..=hi).filter_map(char::from_u32) {
                input.push(c);
                input.push('\n');
                chars.push(c);
            }
        }
        let output = converter.convert(&input);
        for (from, to) in chars.iter().zip(output.split('\n')) {
            let mut it = to.chars();
            let (Some(to), None) = (it.next(), it.next()) else {
                continue;
            };
            if to == *from || table.lookup(*from) != *from {
                continue;
            }
            match (u16::try_from(*from as u32), u16::try_from(to as u32)) {
                (Ok(f), Ok(t)) => table.bmp[f as usize] = t,
                _ => {
                    table.astral.insert(*from, to);
                }
            }
        }
    }
    table
}

impl FoldTable {
    fn lookup(&self, c: char) -> char {
        let cp = c as u32;
        if cp < 0x10000 {
            match self.bmp[cp as usize] {
                0 => c,
                t => char::from_u32(t as u32).unwrap_or(c),
            }
        } else {
            self.astral.get(&c).copied().unwrap_or(c)
        }
    }
}

/// Folds a Traditional Chinese character to its Simplified form; every other character is
/// returned unchanged. The table is built on first use (a few tens of milliseconds).
pub fn fold_traditional(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    table().lookup(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_characters() {
        for (t, s) in [
            ('國', '国'),
            ('廣', '广'),
            ('開', '开'),
            ('館', '馆'),
            ('們', '们'),
        ] {
            assert_eq!(fold_traditional(t), s, "{t}");
        }
    }

    #[test]
    fn leaves_simplified_latin_and_kana_alone() {
        for c in ['国', '广', '的', 'a', 'Z', '7', 'の', '한'] {
            assert_eq!(fold_traditional(c), c, "{c}");
        }
    }

    #[test]
    fn folding_is_idempotent() {
        for c in "漢國廣開館們說話龍體臺灣".chars() {
            let once = fold_traditional(c);
            assert_eq!(fold_traditional(once), once, "{c}");
        }
    }
}
