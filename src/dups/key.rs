//! The canonical key of a text: what two copies of one story still share after another
//! site re-published it. NFKC, lower case, punctuation and white space dropped, Traditional
//! folded to Simplified. The key is a sequence of tokens: one per CJK character, one per
//! word of Latin-script (or other space-separated) text, so shingles are character n-grams
//! for Chinese and word n-grams for English, and mixed text gets both.
//!
//! The text itself is never changed; the key only feeds the signatures.

use icu_normalizer::ComposingNormalizerBorrowed;
use xxhash_rust::xxh3::xxh3_64;

use super::fold::fold_traditional;

/// Tokens of words carry this bit; CJK character tokens are their (folded) code point,
/// which is always below it.
const WORD_TOKEN: u32 = 1 << 31;

/// Characters from here on (CJK radicals, kana, ideographs, Hangul, Yi…) are tokens on
/// their own; below it, letters and digits form words.
const FIRST_CJK: u32 = 0x2E80;

/// The canonical key of one document: its tokens, and how many characters they hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Key {
    /// One token per CJK character or word, in text order.
    pub tokens: Vec<u32>,
    /// Characters kept (letters, digits, ideographs), for length comparisons.
    pub chars: usize,
    /// Token indexes where a new sentence starts (after 。！？.!?; in the text), ascending.
    pub sentence_starts: Vec<u32>,
    /// The text so far ends with a sentence end: the next token starts a sentence.
    ends_sentence: bool,
}

/// Where the scan of one paragraph stands.
struct Scan {
    /// The word being read (lower-cased).
    word: String,
    /// A '.' ends a sentence unless it sits between digits (3.5).
    after_dot_after_digit: bool,
    sentence_ended: bool,
    prev: char,
}

impl Default for Scan {
    fn default() -> Self {
        Scan {
            word: String::new(),
            after_dot_after_digit: false,
            sentence_ended: false,
            prev: ' ',
        }
    }
}

/// Characters whose NFKC form the key computes without the normalizer: ASCII, the common
/// ideographs and the punctuation of Chinese text are their own NFKC form (and never
/// compose with a neighbour), full-width ASCII and the ideographic space map to one ASCII
/// character, the ellipsis to three full stops. A paragraph made only of these (nearly
/// every Chinese or English one) skips the normalizer, which cost half of the key's time.
fn nfkc_by_table(c: char) -> bool {
    matches!(c,
        '\0'..='\x7F'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{3000}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301B}'
        | '\u{FF01}'..='\u{FF5E}'
        | '—' | '‘' | '’' | '“' | '”' | '·' | '…')
}

impl Key {
    /// The key of `paragraphs` (the lines of a cleaned text). Paragraphs whose key is
    /// shorter than `min_paragraph_chars` (headlines, bylines, dates, left-over page chrome)
    /// are left out, unless that would leave less than half of the text: then all count.
    pub fn from_paragraphs<'a>(
        paragraphs: impl IntoIterator<Item = &'a str>,
        min_paragraph_chars: usize,
    ) -> Key {
        let mut all = Key::default();
        let mut body = Key::default();
        let mut scratch = Key::default();
        for paragraph in paragraphs {
            scratch.tokens.clear();
            scratch.sentence_starts.clear();
            scratch.ends_sentence = false;
            scratch.chars = 0;
            scratch.push_text(paragraph);
            if scratch.chars >= min_paragraph_chars {
                body.append(&scratch);
            }
            all.append(&scratch);
        }
        if body.chars * 2 >= all.chars && !body.tokens.is_empty() {
            body
        } else {
            all
        }
    }

    /// The key of a whole text, every line counting.
    pub fn from_text(text: &str) -> Key {
        let mut key = Key::default();
        key.push_text(text);
        key
    }

    fn append(&mut self, other: &Key) {
        let offset = self.tokens.len() as u32;
        if self.ends_sentence && offset > 0 && !other.tokens.is_empty() {
            self.sentence_starts.push(offset);
        }
        if !other.tokens.is_empty() {
            self.ends_sentence = other.ends_sentence;
        }
        self.sentence_starts
            .extend(other.sentence_starts.iter().map(|&s| s + offset));
        self.tokens.extend_from_slice(&other.tokens);
        self.chars += other.chars;
    }

    fn push_text(&mut self, text: &str) {
        let mut scan = Scan::default();
        let (tokens, starts, chars) = (self.tokens.len(), self.sentence_starts.len(), self.chars);
        if !self.push_by_table(text, &mut scan) {
            // A character the table does not know: undo, and take the text through NFKC.
            self.tokens.truncate(tokens);
            self.sentence_starts.truncate(starts);
            self.chars = chars;
            scan = Scan::default();
            self.push_nfkc(text, &mut scan);
        }
        self.finish_text(scan);
    }

    /// Pushes `text` mapping each character by table (see [`nfkc_by_table`]); returns
    /// false, part-way, at the first character the table does not cover.
    fn push_by_table(&mut self, text: &str, scan: &mut Scan) -> bool {
        for c in text.chars() {
            match c {
                // The common ideograph in running text (not after a sentence end or a
                // full stop): what `push_char` does, without its tests.
                '\u{4E00}'..='\u{9FFF}' if !scan.sentence_ended && scan.prev != '.' => {
                    self.flush_word(&mut scan.word);
                    scan.after_dot_after_digit = false;
                    scan.prev = c;
                    self.tokens.push(fold_traditional(c) as u32);
                    self.chars += 1;
                }
                '\u{FF01}'..='\u{FF5E}' => {
                    let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
                    self.push_char(ascii, scan);
                }
                '\u{3000}' => self.push_char(' ', scan),
                '…' => {
                    for _ in 0..3 {
                        self.push_char('.', scan);
                    }
                }
                c if nfkc_by_table(c) => self.push_char(c, scan),
                _ => return false,
            }
        }
        true
    }

    /// The general path: the text through NFKC, character by character.
    fn push_nfkc(&mut self, text: &str, scan: &mut Scan) {
        let normalized = ComposingNormalizerBorrowed::new_nfkc().normalize(text);
        for c in normalized.chars() {
            self.push_char(c, scan);
        }
    }

    fn finish_text(&mut self, mut scan: Scan) {
        self.flush_word(&mut scan.word);
        self.ends_sentence = scan.sentence_ended || scan.prev == '.';
    }

    /// One character of NFKC-normalized text.
    fn push_char(&mut self, c: char, scan: &mut Scan) {
        let cp = c as u32;
        if scan.prev == '.' && !(scan.after_dot_after_digit && c.is_ascii_digit()) {
            scan.sentence_ended = true;
        }
        if scan.sentence_ended && c.is_alphanumeric() {
            self.flush_word(&mut scan.word);
            let start = self.tokens.len() as u32;
            if start > 0 && self.sentence_starts.last() != Some(&start) {
                self.sentence_starts.push(start);
            }
            scan.sentence_ended = false;
        }
        if matches!(c, '。' | '!' | '?' | ';' | '…') {
            scan.sentence_ended = true;
        }
        scan.after_dot_after_digit = c == '.' && scan.prev.is_ascii_digit();
        scan.prev = c;
        // Common ideographs skip the general Unicode property lookup.
        // CJK punctuation (、《》「」…) is frequent and never a token.
        let cjk_punctuation = (0x3000..=0x3004).contains(&cp) || (0x3008..=0x301F).contains(&cp);
        if (0x4E00..=0x9FFF).contains(&cp)
            || (cp >= FIRST_CJK && !cjk_punctuation && c.is_alphanumeric())
        {
            self.flush_word(&mut scan.word);
            self.tokens.push(fold_traditional(c) as u32);
            self.chars += 1;
        } else if c.is_alphanumeric() {
            if c.is_ascii() {
                scan.word.push(c.to_ascii_lowercase());
            } else {
                scan.word.extend(c.to_lowercase());
            }
            self.chars += 1;
        } else if c == '\'' || c == '’' {
            // "don't" is one word, not "don" and "t".
        } else {
            self.flush_word(&mut scan.word);
        }
    }

    fn flush_word(&mut self, word: &mut String) {
        if !word.is_empty() {
            self.tokens
                .push(WORD_TOKEN | (xxh3_64(word.as_bytes()) as u32 & !WORD_TOKEN));
            word.clear();
        }
    }

    /// No letter, digit or ideograph at all.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The key of `text` through the normalizer, whatever its characters.
    fn key_through_nfkc(text: &str) -> Key {
        let mut key = Key::default();
        let mut scan = Scan::default();
        key.push_nfkc(text, &mut scan);
        key.finish_text(scan);
        key
    }

    #[test]
    fn every_character_the_table_maps_has_that_nfkc_form() {
        let nfkc = ComposingNormalizerBorrowed::new_nfkc();
        let mut checked = 0;
        for c in (0..0x10000u32)
            .filter_map(char::from_u32)
            .filter(|&c| nfkc_by_table(c))
        {
            let s = c.to_string();
            assert_eq!(
                Key::from_text(&s),
                key_through_nfkc(&s),
                "U+{:04X}",
                c as u32
            );
            let expected = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap().to_string(),
                '\u{3000}' => " ".to_string(),
                '…' => "...".to_string(),
                c => c.to_string(),
            };
            assert_eq!(nfkc.normalize(&s), expected, "U+{:04X}", c as u32);
            checked += 1;
        }
        assert!(checked > 20_000);
    }

    /// Characters of Chinese and English news text and the table's mappings.
    fn table_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => prop::char::range('\u{4E00}', '\u{9FFF}'),
            3 => prop::char::range(' ', '~'),
            2 => prop::sample::select(vec!['，', '。', '、', '：', '；', '！', '？', '（', '）', '“', '”', '《', '》', '—', '…', '·', '\u{3000}', 'Ａ', 'ｚ', '０', '９', '．']),
        ]
    }

    /// The same, and characters that need the normalizer (combining marks, ligatures,
    /// circled digits, compatibility ideographs, ℃).
    fn news_char() -> impl Strategy<Value = char> {
        prop_oneof![
            9 => table_char(),
            1 => prop::sample::select(vec!['\u{301}', '\u{308}', 'é', 'ﬁ', '①', '℃', '\u{F900}', '²', '\u{A0}', 'İ', 'ß', 'ｶ', '\u{FF9E}']),
        ]
    }

    proptest! {
        #[test]
        fn key_without_the_normalizer_equals_key_through_it(
            chars in prop_oneof![
                prop::collection::vec(table_char(), 0..80),
                prop::collection::vec(news_char(), 0..80),
            ]
        ) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(Key::from_text(&text), key_through_nfkc(&text));
        }
    }

    #[test]
    fn punctuation_space_and_width_do_not_matter() {
        let a = Key::from_text("据报道，绍罗什此行为购买债券。Ｈｅｌｌｏ　ＷＯＲＬＤ ２０２４");
        let b = Key::from_text("据报道,绍罗什 此行为购买债券.hello world 2024");
        assert_eq!(a, b);
        assert!(!a.is_empty());
    }

    #[test]
    fn traditional_folds_to_simplified() {
        let t = Key::from_text("南漢國史料展在廣州開幕");
        let s = Key::from_text("南汉国史料展在广州开幕");
        assert_eq!(t, s);
        assert_eq!(Key::from_text("你說什麼"), Key::from_text("你说什么"));
    }

    #[test]
    fn different_text_gives_different_keys() {
        assert_ne!(
            Key::from_text("南汉国史料展"),
            Key::from_text("南汉国史料馆")
        );
        assert_ne!(Key::from_text("the cat sat"), Key::from_text("the cat sit"));
    }

    #[test]
    fn latin_words_are_one_token_each_cjk_chars_too() {
        let k = Key::from_text("Rust 实现 don't stop");
        assert_eq!(k.tokens.len(), 5);
        assert_eq!(k.chars, 4 + 2 + 4 + 4);
    }

    #[test]
    fn sentences_end_at_full_stops_but_not_at_decimal_points() {
        let k = Key::from_text("增长3.5个百分点。第二句！Third one. Fourth");
        // 增长 3 . 5 个百分点 | 第二句 | third one | fourth
        let starts: Vec<u32> = k.sentence_starts.clone();
        assert_eq!(starts, vec![8, 11, 13]);
        // Line ends are not sentence ends (hard-wrapped text), full stops before them are.
        let joined = Key::from_paragraphs(["第一句。第二句", "第三句。", "第四句"], 0);
        assert_eq!(joined.sentence_starts, vec![3, 9]);
        assert!(Key::from_text("没有句号的一段话")
            .sentence_starts
            .is_empty());
    }

    #[test]
    fn short_paragraphs_are_left_out_when_the_body_is_long() {
        let body = "第二十五条国家鼓励单位和个人参加地震灾害保险，推动商业企业的改革和发展。";
        let with_chrome = Key::from_paragraphs(["首页 > 新闻", body, "【打印】【关闭】"], 20);
        assert_eq!(with_chrome, Key::from_text(body));
        // A text of short lines only keeps them all.
        let short = Key::from_paragraphs(["第一行", "第二行"], 20);
        assert_eq!(short, Key::from_text("第一行第二行"));
    }
}
