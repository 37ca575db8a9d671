//! Traditional → Simplified folding for canonical keys, one character at a time.
//!
//! OpenCC converts phrases; keys only need characters. Its one-character conversions are
//! generated into [`table`] (`table.rs`, by `generate.rs`, whose test fails when OpenCC's
//! data and the committed table disagree), so a run does not spend a fifth of a second
//! converting every ideograph before it signs its first document.

use std::sync::OnceLock;

#[cfg(test)]
mod generate;
mod table;

use table::FOLDS;

/// In the BMP table: the character folds to one outside the BMP (look it up in `FOLDS`).
const ASTRAL: u16 = 1;

/// `BMP[c]` is the folded code point of BMP character `c`, 0 when it is unchanged.
fn bmp_table() -> &'static [u16] {
    static BMP: OnceLock<Vec<u16>> = OnceLock::new();
    BMP.get_or_init(|| {
        let mut bmp = vec![0u16; 0x10000];
        for &(from, to) in FOLDS {
            if let Ok(f) = u16::try_from(from as u32) {
                bmp[f as usize] = u16::try_from(to as u32).unwrap_or(ASTRAL);
            }
        }
        bmp
    })
}

fn search(c: char) -> char {
    FOLDS
        .binary_search_by_key(&c, |&(from, _)| from)
        .map_or(c, |i| FOLDS[i].1)
}

/// Folds a Traditional Chinese character to its Simplified form; every other character is
/// returned unchanged.
pub fn fold_traditional(c: char) -> char {
    let cp = c as u32;
    if cp < 0x3400 {
        return c;
    }
    if cp < 0x10000 {
        return match bmp_table()[cp as usize] {
            0 => c,
            ASTRAL => search(c),
            t => char::from_u32(t as u32).unwrap_or(c),
        };
    }
    search(c)
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
    fn every_fold_of_the_table_applies() {
        for &(from, to) in FOLDS {
            assert_eq!(fold_traditional(from), to, "{from}");
        }
        // Some folds go to or from the supplementary planes (the BMP table's ASTRAL mark).
        let astral = FOLDS
            .iter()
            .filter(|(f, t)| *f as u32 >= 0x10000 || *t as u32 >= 0x10000);
        assert!(astral.count() > 0);
    }

    /// A fold's result folds to itself: 麼 and 么 (which OpenCC converts on to 幺) meet.
    #[test]
    fn folding_is_idempotent() {
        for c in "漢國廣開館們說話龍體臺灣".chars() {
            let once = fold_traditional(c);
            assert_eq!(fold_traditional(once), once, "{c}");
        }
        for &(from, to) in FOLDS {
            assert_eq!(fold_traditional(to), to, "{from} → {to}");
        }
        assert_eq!(fold_traditional('麼'), fold_traditional('么'));
    }
}
