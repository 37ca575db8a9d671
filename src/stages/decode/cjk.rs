//! Character classes the decode heuristics share: which CJK ideographs are common (real
//! text is mostly made of them, mis-decoded bytes mostly are not) and which characters are
//! plausible in text at all.

use std::sync::OnceLock;

/// First code point of the CJK Unified Ideographs block the common-character table covers.
pub(crate) const CJK_START: u32 = 0x4E00;
/// One past the last code point the table covers.
const CJK_END: u32 = 0xA000;

/// Whether `c` is a CJK unified ideograph of the basic block (U+4E00–U+9FFF).
pub(crate) fn is_cjk_ideograph(c: char) -> bool {
    (CJK_START..CJK_END).contains(&(c as u32))
}

/// Whether `c` is a common Chinese character: one of the 3755 level-1 characters of
/// GB 2312 (simplified) or one of the 5401 frequent characters of Big5 (traditional).
/// Mis-decoded byte pairs land mostly outside both sets, real text mostly inside.
pub(crate) fn is_common_cjk(c: char) -> bool {
    let cp = c as u32;
    if !(CJK_START..CJK_END).contains(&cp) {
        return false;
    }
    CommonIdeographs::get().has(cp)
}

/// The common-character table, for loops that look characters up by code point.
#[derive(Clone, Copy)]
pub(crate) struct CommonIdeographs {
    bits: &'static [u64],
}

impl CommonIdeographs {
    pub fn get() -> Self {
        CommonIdeographs {
            bits: common_table(),
        }
    }

    /// Whether code point `cp` (any value) is a common ideograph.
    #[inline]
    pub fn has(self, cp: u32) -> bool {
        if !(CJK_START..CJK_END).contains(&cp) {
            return false;
        }
        let index = (cp - CJK_START) as usize;
        self.bits[index / 64] & (1u64 << (index % 64)) != 0
    }
}

/// The table of common characters, built once from the encoders' own code tables (the
/// ranges are defined by the two standards, so no character list is embedded here).
fn common_table() -> &'static [u64] {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = vec![0u64; ((CJK_END - CJK_START) as usize).div_ceil(64)];
        let mut set = |text: &str| {
            for c in text.chars().filter(|&c| is_cjk_ideograph(c)) {
                let index = (c as u32 - CJK_START) as usize;
                bits[index / 64] |= 1u64 << (index % 64);
            }
        };
        // GB 2312 level 1: rows 0xB0–0xD7, cells 0xA1–0xFE.
        let mut gb = Vec::with_capacity(40 * 94 * 2);
        for lead in 0xB0u8..=0xD7 {
            for trail in 0xA1u8..=0xFE {
                gb.extend_from_slice(&[lead, trail]);
            }
        }
        set(&encoding_rs::GBK.decode_without_bom_handling(&gb).0);
        // Big5 frequent characters: 0xA440–0xC67E.
        let mut big5 = Vec::with_capacity(35 * 157 * 2);
        for lead in 0xA4u8..=0xC6 {
            for trail in (0x40u8..=0x7E).chain(0xA1..=0xFE) {
                if lead == 0xC6 && trail > 0x7E {
                    break;
                }
                big5.extend_from_slice(&[lead, trail]);
            }
        }
        set(&encoding_rs::BIG5.decode_without_bom_handling(&big5).0);
        bits
    })
}

/// The 100 most frequent characters of Chinese text, simplified and traditional forms.
/// Together they make up about a third of any Chinese text; bytes of another encoding
/// read as Chinese hit them a few times in a hundred.
const FREQUENT: &str = "的一是不了在人有我他这個个们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日";

/// (ideographs, common ideographs) in `text`, in one pass over its bytes: the ideographs
/// counted are the U+4E00–U+9FFF ones, which UTF-8 writes with a lead byte 0xE4–0xE9.
pub(crate) fn count_ideographs(text: &str) -> (usize, usize) {
    let table = CommonIdeographs::get();
    let bytes = text.as_bytes();
    let (mut ideographs, mut common) = (0usize, 0usize);
    let mut i = 0;
    while i + 2 < bytes.len() {
        let lead = bytes[i];
        if !(0xE4..=0xE9).contains(&lead) {
            i += 1;
            continue;
        }
        let cp = three_byte_code_point(lead, bytes[i + 1], bytes[i + 2]);
        if cp >= CJK_START {
            ideographs += 1;
            common += usize::from(table.has(cp));
        }
        i += 3;
    }
    (ideographs, common)
}

/// The code point of a three-byte UTF-8 sequence.
#[inline]
pub(crate) fn three_byte_code_point(lead: u8, second: u8, third: u8) -> u32 {
    (u32::from(lead & 0x0F) << 12) | (u32::from(second & 0x3F) << 6) | u32::from(third & 0x3F)
}

/// The most frequent characters as a bit table over U+4E00–U+9FFF.
fn frequent_table() -> &'static [u64] {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = vec![0u64; ((CJK_END - CJK_START) as usize).div_ceil(64)];
        for c in FREQUENT.chars() {
            let index = (c as u32 - CJK_START) as usize;
            bits[index / 64] |= 1u64 << (index % 64);
        }
        bits
    })
}

/// Whether `text` reads as Chinese: at least 20 ideographs, at least a tenth of them among
/// the most frequent characters of the language (real text: 15–45%; Korean, Japanese or
/// Big5 bytes read as GBK: 0–5%), and next to no kana or Hangul. Looks at the first 400
/// ideographs only.
pub(crate) fn reads_as_chinese(text: &str) -> bool {
    let frequent = frequent_table();
    // A few hundred ideographs tell; the rest of a long text would not change the answer.
    const ENOUGH: usize = 400;
    let (mut ideographs, mut hits, mut kana_hangul) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        let cp = c as u32;
        if matches!(cp, 0x3040..=0x30FF | 0xAC00..=0xD7A3) {
            kana_hangul += 1;
        } else if (CJK_START..CJK_END).contains(&cp) {
            let index = (cp - CJK_START) as usize;
            ideographs += 1;
            hits += usize::from(frequent[index / 64] & (1u64 << (index % 64)) != 0);
            if ideographs == ENOUGH {
                break;
            }
        }
    }
    ideographs >= 20 && hits * 10 >= ideographs && kana_hangul * 20 <= ideographs
}

/// Whether `c` is a character real text in any of the scripts thresh meets is made of:
/// printable ASCII and whitespace, Latin, Greek, Cyrillic, general punctuation and symbols,
/// CJK ideographs, kana, Hangul, CJK and full-width punctuation. Controls, surrogates,
/// private use and the rarer blocks are not.
pub(crate) fn is_plausible_text_char(c: char) -> bool {
    let cp = c as u32;
    matches!(cp,
        0x09 | 0x0A | 0x0D
        | 0x20..=0x7E
        | 0xA0..=0x24F      // Latin-1 supplement, Latin extended A/B
        | 0x370..=0x52F     // Greek, Cyrillic
        | 0x1E00..=0x1EFF   // Latin extended additional (Vietnamese)
        | 0x2000..=0x27BF   // punctuation, letterlike, arrows, math, box drawing, dingbats
        | 0x2E80..=0x2FDF   // CJK radicals
        | 0x3000..=0x30FF   // CJK punctuation, kana
        | 0x3100..=0x31BF   // bopomofo
        | 0x3200..=0x33FF   // enclosed CJK, compatibility
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3   // Hangul syllables
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFE30..=0xFE4F   // CJK compatibility forms
        | 0xFF00..=0xFFEF   // full-width and half-width forms
        | 0x20000..=0x2FA1F // CJK extensions B–F (HKSCS characters live here)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_simplified_and_traditional_characters_are_common() {
        for c in "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感見們這個來時為說國會後對".chars() {
            assert!(is_common_cjk(c), "{c} should be common");
        }
    }

    #[test]
    fn mojibake_characters_are_not_common() {
        // 台北 / 的 / 我們 read as GBK: mostly rare characters (板 happens to be common).
        let rare = "鍙板寳鐨勬垜浠"
            .chars()
            .filter(|&c| !is_common_cjk(c))
            .count();
        assert!(rare >= 6, "{rare}");
        assert!(!is_common_cjk('a'));
        assert!(!is_common_cjk('，'));
    }

    #[test]
    fn counts_ideographs_from_bytes() {
        assert_eq!(count_ideographs("ab中文c鍙寳"), (4, 2));
        assert_eq!(count_ideographs("café ㄅ ä¸"), (0, 0));
    }

    #[test]
    fn chinese_is_told_from_other_encodings_read_as_chinese() {
        let zh = "外婆家所在的那条老街，明年开春就要拆了。消息传来的时候，我正在外地出差，一连几天都睡不好。我们都是这里的人。";
        assert!(reads_as_chinese(zh));
        let trad = "外婆家所在的那條老街，明年開春就要拆了。消息傳來的時候，我正在外地出差，一連幾天都睡不好。我們都是這裡的人。";
        assert!(reads_as_chinese(trad));
        // The Big5 bytes of the traditional text read as GBK, and Korean read as GBK.
        let (big5, _, _) = encoding_rs::BIG5.encode(trad);
        assert!(!reads_as_chinese(&encoding_rs::GBK.decode(&big5).0));
        let (korean, _, _) = encoding_rs::EUC_KR.encode(
            "할머니 댁이 있는 그 오래된 거리는 내년 봄에 철거된다. 그 소식을 들었을 때 나는 출장 중이었다. 며칠 동안 잠을 잘 수 없었다.",
        );
        assert!(!reads_as_chinese(&encoding_rs::GBK.decode(&korean).0));
        let (japanese, _, _) = encoding_rs::EUC_JP.encode(
            "祖母の家がある古い通りは、来年の春に取り壊されることになった。その知らせを聞いたとき、私は出張中で、何日もよく眠れなかった。",
        );
        assert!(!reads_as_chinese(&encoding_rs::GBK.decode(&japanese).0));
        assert!(!reads_as_chinese("的的的"));
    }

    #[test]
    fn plausible_characters() {
        for c in "aZ 9\t\néßçĞΩЖ—“”…€中文，。「」あア한ｗ".chars() {
            assert!(is_plausible_text_char(c), "{c:?}");
        }
        for c in [
            '\u{0}', '\u{1B}', '\u{85}', '\u{9D}', '\u{7EB}', '\u{E000}', '\u{FFFD}',
        ] {
            assert!(!is_plausible_text_char(c), "{c:?}");
        }
    }
}
