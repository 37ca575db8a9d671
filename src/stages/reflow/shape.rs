//! The shape of one line of text: how it ends, how wide it is, whether it looks like a
//! headline, a list item, a table row, a byline, a photo credit or a lede. Reflow decides
//! joins from these shapes and the articles stage finds boundaries with them.
//!
//! Everything here reads the structure of a line (punctuation, length, position of spaces,
//! enumerators); the only words consulted are the generic ones the press uses to mark
//! bylines, credits and ledes (记者, 摄, 本报讯, "By").

/// Sentence-final marks (Chinese and Latin).
const FINAL: &[char] = &['。', '！', '？', '…', '.', '!', '?', '．', '｡'];
/// Closing quotes and brackets that may follow a final mark (`。”`).
const CLOSERS: &[char] = &[
    '”', '’', '」', '』', '）', ')', '》', '〉', '】', ']', '"', '\'', '»', '›',
];
/// Opening quotes and brackets, paired with their closers.
const PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('‘', '’'),
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('(', ')'),
    ('《', '》'),
    ('【', '】'),
];
/// Clause punctuation that never ends a headline and never opens a paragraph.
const CLAUSE: &[char] = &['，', '、', '；', '：', ',', ';', ':'];

/// A CJK ideograph, kana or hangul syllable (a character that is a word part, not a mark).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x20000..=0x3134F)
}

/// Full-width characters count two columns, as on a terminal or a fixed-width page.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    // Curly quotes, dashes and ellipses are wide in CJK fonts and narrow in Latin ones;
    // they count one column.
    if is_cjk(c) || (0x3000..=0x303F).contains(&u) || (0xFF01..=0xFF60).contains(&u) {
        2
    } else {
        1
    }
}

/// The display width of a line in columns.
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// How many characters of the line are CJK.
pub fn cjk_count(text: &str) -> usize {
    text.chars().filter(|&c| is_cjk(c)).count()
}

/// Whether the line is mostly Latin script (English and the like), judged on its first
/// 200 characters.
pub fn is_latin(text: &str) -> bool {
    let (mut latin, mut cjk) = (0, 0);
    for c in text.chars().take(200) {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if is_cjk(c) {
            cjk += 1;
        }
    }
    latin > 0 && latin >= 2 * cjk
}

/// The display width, counted only up to `cap` (a line wider than `cap` returns
/// `cap + 1`): enough to compare against a threshold without scanning long paragraphs.
pub fn width_up_to(text: &str, cap: usize) -> usize {
    let mut width = 0;
    for c in text.chars() {
        width += char_width(c);
        if width > cap {
            return cap + 1;
        }
    }
    width
}

/// How a line ends, seen from a reader who wonders whether the sentence goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// A sentence-final mark (possibly followed by closing quotes).
    Final,
    /// A colon or semicolon: introduces or separates items, not a mid-sentence cut.
    Soft,
    /// A comma or enumeration comma: the sentence certainly goes on.
    Comma,
    /// An English word cut by a hyphen (`manufac-`).
    Hyphen,
    /// A dash (`——`): a kicker line that introduces a title.
    Dash,
    /// A letter, digit or other mark: the line stops mid-sentence or is a heading.
    Open,
}

/// How `text` ends.
pub fn ending(text: &str) -> Ending {
    let trimmed = text.trim_end();
    let core = trimmed.trim_end_matches(CLOSERS);
    let Some(last) = core.chars().last() else {
        return Ending::Final;
    };
    if FINAL.contains(&last) {
        return Ending::Final;
    }
    // A closing quote right after a non-final mark still closes something: `“观影”` is open.
    match last {
        '，' | '、' | ',' => Ending::Comma,
        '；' | '：' | ';' | ':' => Ending::Soft,
        '—' | '－' => Ending::Dash,
        '-' => {
            let mut rev = core.chars().rev();
            rev.next();
            let before = rev.next();
            let trailing_closer = core.len() != trimmed.len();
            if !trailing_closer && before.is_some_and(|c| c.is_ascii_alphabetic()) {
                Ending::Hyphen
            } else {
                Ending::Dash
            }
        }
        c if c.is_alphanumeric() || is_cjk(c) => {
            // A line that ends with a web address or an e-mail address is finished.
            let last_token = core.rsplit(char::is_whitespace).next().unwrap_or("");
            if last_token.contains("://")
                || last_token.starts_with("www.")
                || last_token.contains('@')
            {
                Ending::Final
            } else {
                Ending::Open
            }
        }
        // Emoji, symbols, brackets: nothing suggests the sentence goes on.
        _ => Ending::Final,
    }
}

/// Whether a line's sentence can go on into the next line.
pub fn ends_open(text: &str) -> bool {
    matches!(ending(text), Ending::Open | Ending::Comma | Ending::Hyphen)
}

/// Net nesting of quotes and brackets after `text`: positive when something opened in the
/// text is still open at its end, negative when the text closes what it did not open.
/// ASCII `"` counts as opening when it appears an odd number of times.
pub fn quote_depth(text: &str) -> i32 {
    let mut depth = 0i32;
    for c in text.chars() {
        if PAIRS.iter().any(|&(o, _)| o == c) {
            depth += 1;
        } else if PAIRS.iter().any(|&(_, cl)| cl == c) {
            depth -= 1;
        }
    }
    if text.matches('"').count() % 2 == 1 {
        depth += 1;
    }
    depth
}

/// Whether the text closes a quote or bracket before opening any (it continues a quotation
/// that started earlier).
pub fn closes_before_opening(text: &str) -> bool {
    for c in text.chars() {
        if PAIRS.iter().any(|&(o, _)| o == c) {
            return false;
        }
        if PAIRS.iter().any(|&(_, cl)| cl == c) {
            return true;
        }
    }
    false
}

/// Whether the line starts with a mark that never opens a paragraph (`，`, `。`, a closing
/// quote).
pub fn starts_with_continuation_mark(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        CLAUSE.contains(&c)
            || (FINAL.contains(&c) && c != '…' && c != '.')
            || matches!(c, '”' | '’' | '」' | '』' | '）' | '》' | '】')
    })
}

/// Whether the line starts with a lowercase Latin letter (an English sentence going on).
pub fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_lowercase())
}

/// The width of the first sentence (up to the first final mark outside quotes), if the line
/// has one.
pub fn first_sentence_width(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut width = 0;
    let mut in_ascii_quote = false;
    for c in text.chars() {
        width += char_width(c);
        if c == '"' {
            in_ascii_quote = !in_ascii_quote;
        } else if PAIRS.iter().any(|&(o, _)| o == c) {
            depth += 1;
        } else if PAIRS.iter().any(|&(_, cl)| cl == c) {
            depth = (depth - 1).max(0);
        } else if depth == 0 && !in_ascii_quote && FINAL.contains(&c) {
            return Some(width);
        }
    }
    None
}

/// How much a line looks like a headline or sub-heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Heading {
    /// A sentence, a paragraph, or anything too long or too punctuated for a heading.
    No,
    /// Short and unpunctuated at the end, but built like a clause (a comma inside): a
    /// heading or the first half of a broken sentence.
    Weak,
    /// Built like a heading: phrases separated by a space, a kicker ending in a dash, a
    /// few words with no punctuation at all, English title case.
    Strong,
}

/// Classifies a line as heading or not, from its length and punctuation alone.
pub fn heading(text: &str) -> Heading {
    let end = ending(text);
    if matches!(end, Ending::Final | Ending::Comma | Ending::Hyphen) {
        return Heading::No;
    }
    if end == Ending::Soft && !text.trim_end().ends_with(['：', ':']) {
        return Heading::No;
    }
    let latin = is_latin(text);
    let width = width_up_to(text, 110);
    if (latin && width > 110) || (!latin && width > 64) {
        return Heading::No;
    }
    let inner = text.trim_end_matches(CLOSERS);
    let inner = &inner[..inner
        .len()
        .saturating_sub(inner.chars().last().map_or(0, char::len_utf8))];
    if inner.contains(['。', '；', ';']) || inner.contains(". ") {
        return Heading::No;
    }
    let commas = text.matches(['，', ',', '、']).count();
    if commas > 1 && !text.contains(' ') {
        return Heading::No;
    }
    if end == Ending::Dash {
        return Heading::Strong;
    }
    if latin {
        let words: Vec<&str> = text.split_whitespace().collect();
        let capitalised = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
            .count();
        if words.len() <= 5 || capitalised * 3 >= words.len() * 2 {
            return Heading::Strong;
        }
        return Heading::Weak;
    }
    let punct = text.chars().filter(|c| CLAUSE.contains(c)).count();
    if has_cjk_space(text) || (punct == 0 && text.chars().count() <= 12) {
        Heading::Strong
    } else {
        Heading::Weak
    }
}

/// A space with CJK text on both sides (`以大走访促发展 以大排查保安全`): how Chinese
/// headlines separate their phrases; running text never does.
pub fn has_cjk_space(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).any(|w| {
        w[1] == ' '
            && (is_cjk(w[0]) || matches!(w[0], '”' | '』' | '」' | '》' | '）'))
            && (is_cjk(w[2]) || matches!(w[2], '“' | '『' | '「' | '《' | '（'))
    }) || chars
        .windows(3)
        .any(|w| w[1] == ' ' && is_cjk(w[0]) && w[2].is_ascii_digit())
}

/// A bullet or enumerator opens the line (`• `, `1.`, `一、`, `（二）`, `Day3 `, `①`).
pub fn is_list_item(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(
        first,
        '•' | '·'
            | '●'
            | '○'
            | '◆'
            | '◇'
            | '■'
            | '□'
            | '▪'
            | '►'
            | '▶'
            | '★'
            | '☆'
            | '√'
            | '✓'
    ) || ('\u{2460}'..='\u{2473}').contains(&first)
    {
        return true;
    }
    if matches!(first, '-' | '*' | '+') && chars.next() == Some(' ') {
        return true;
    }
    // 一、 二、 … and （一） (1) 1. 1、 1) A.
    const HAN_NUM: &str = "一二三四五六七八九十";
    let rest: String = text.chars().take(6).collect();
    let mut it = rest.chars().peekable();
    let bracketed = matches!(it.peek(), Some('（') | Some('('));
    if bracketed {
        it.next();
    }
    let mut n = 0;
    while let Some(&c) = it.peek() {
        if c.is_ascii_digit() || HAN_NUM.contains(c) {
            n += 1;
            it.next();
        } else {
            break;
        }
    }
    if n > 0 && n <= 3 {
        let next = it.next();
        if bracketed {
            return matches!(next, Some('）') | Some(')'));
        }
        let digits_first = first.is_ascii_digit();
        return match next {
            Some('、') | Some('．') => true,
            Some('.') | Some(')') => digits_first && it.next().is_none_or(|c| !c.is_ascii_digit()),
            _ => false,
        };
    }
    // A short word glued to a number and a space: `Day3 `, `Step 2 `, `第3天 `.
    let head: String = text.split(' ').next().unwrap_or("").to_string();
    let alpha = head
        .chars()
        .take_while(|c| c.is_alphabetic() && !is_cjk(*c))
        .count();
    let digits = head
        .chars()
        .skip(alpha)
        .take_while(char::is_ascii_digit)
        .count();
    text.contains(' ')
        && (2..=5).contains(&alpha)
        && (1..=2).contains(&digits)
        && head.chars().count() == alpha + digits
}

/// The number of cells when the line is built like a table row: three or more short
/// cells separated by tabs, bars or spaces, with no sentence punctuation.
pub fn table_cells(text: &str) -> Option<usize> {
    if text.len() > 400 || text.contains(['。', '，', '；']) || is_latin(text) {
        return None;
    }
    let cells: Vec<&str> = text
        .split(['\t', '|', '｜', ' '])
        .filter(|c| !c.is_empty())
        .collect();
    (cells.len() >= 3 && cells.iter().all(|c| width_up_to(c, 24) <= 24)).then_some(cells.len())
}

/// A photo or image credit (`记者 王某 摄`, `受访者供图`, `图片来源：…`, `Image source, …`).
pub fn is_credit(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(['（', '）', '(', ')', '[', ']', '【', '】']);
    if width_up_to(t, 60) > 60 {
        return false;
    }
    let lower = t.to_lowercase();
    t.ends_with(['摄', '攝'])
        || t.ends_with("供图")
        || t.ends_with("供圖")
        || t.ends_with("配图")
        || t.ends_with("配圖")
        || t.ends_with("供稿")
        || t.starts_with("图片来源")
        || t.starts_with("圖片來源")
        || t.starts_with("图片：")
        || t.starts_with("圖片：")
        || t.starts_with("图/")
        || t.starts_with("圖/")
        || lower.starts_with("image source")
        || lower.starts_with("photo:")
        || lower.starts_with("photograph:")
        || lower.starts_with("credit:")
        || lower.starts_with("photo by ")
}

/// A byline (`本报记者 方敏`, `□记者 李某 通讯员 王某`, `文｜林溪`, `By Jane Doe`): it opens
/// an article, so no paragraph is continued across it.
pub fn is_byline(text: &str) -> bool {
    if is_credit(text) || ends_open(text) && ending(text) == Ending::Comma {
        return false;
    }
    let t = text.trim_start_matches(['□', '■', '◎', '○', '●', ' ']);
    if is_latin(t) {
        let words: Vec<&str> = t.split_whitespace().collect();
        return words.len() >= 3
            && words.len() <= 12
            && words[0].eq_ignore_ascii_case("by")
            && words[1].chars().next().is_some_and(char::is_uppercase)
            && !t.ends_with('.');
    }
    if width_up_to(t, 50) > 50 || t.contains(['。', '！', '？']) {
        return false;
    }
    const MARKS: &[&str] = &[
        "记者",
        "記者",
        "通讯员",
        "通訊員",
        "实习生",
        "實習生",
        "撰文",
        "作者：",
        "作者:",
        "文｜",
        "文|",
        "文/",
        "文／",
        "来源：",
        "來源：",
    ];
    let starts = ["文 ", "作者 ", "撰稿"];
    MARKS.iter().any(|m| t.contains(m)) && !t.contains("说") && !t.contains("說")
        || starts.iter().any(|s| t.starts_with(s))
}

/// A lede that opens a news article: `本报讯（…）`, `新华社北京3月1日电`, `【明報專訊】`,
/// `LONDON (Reuters) -`.
pub fn is_lede(text: &str) -> bool {
    let head: String = text.chars().take(40).collect();
    if head.starts_with("本报讯")
        || head.starts_with("本報訊")
        || head.starts_with("本报讯")
        || (head.starts_with('【') && head.contains("訊】"))
        || (head.starts_with('【') && head.contains("讯】"))
    {
        return true;
    }
    // `…社/网 城市 X月X日电`: a dateline ending in 电/電 within the first clause.
    if let Some(pos) = head.find(['电', '電']) {
        let before = &head[..pos];
        if before.contains('月') && before.contains('日') && !before.contains(['，', '。']) {
            return true;
        }
    }
    // English wire dateline: `CITY (Agency) - ` or `CITY, May 3 (Agency) -`.
    if let Some(open) = head.find(" (") {
        let city = &head[..open];
        let close = head[open..].find(')').map(|i| i + open);
        if let Some(close) = close {
            let after = head[close + 1..].trim_start();
            return !city.is_empty()
                && city
                    .split(',')
                    .next()
                    .is_some_and(|c| c.chars().all(|ch| ch.is_ascii_uppercase() || ch == ' '))
                && (after.starts_with('-') || after.starts_with('—') || after.starts_with('–'));
        }
    }
    false
}

/// Page metadata: a date or time stamp, or two `label：value` fields on one short line
/// (`发布时间：2024-02-20 来源：市人社局`).
pub fn is_metadata(text: &str) -> bool {
    if width_up_to(text, 90) > 90 || text.contains('。') {
        return false;
    }
    let labels = text.matches(['：', ':']).count();
    let has_date = has_date(text);
    has_date && (labels >= 1 || width_up_to(text, 40) <= 40 || text.split_whitespace().count() >= 2)
        || labels >= 2 && text.contains(' ')
}

/// `2024-05-06`, `2024/5/6`, `2024年2月20日`, `10:21:45`.
fn has_date(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        if i + 4 < chars.len()
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && matches!(chars[i + 4], '-' | '/' | '年' | '.')
            && chars.get(i + 5).is_some_and(char::is_ascii_digit)
        {
            return true;
        }
        if i + 4 < chars.len()
            && chars[i].is_ascii_digit()
            && chars[i + 1].is_ascii_digit()
            && chars[i + 2] == ':'
            && chars[i + 3].is_ascii_digit()
            && chars[i + 4].is_ascii_digit()
        {
            return true;
        }
    }
    false
}

/// The letters and digits of a text, lowercased: what stays when width, spacing and
/// punctuation are ignored (for comparing copies of a passage).
pub fn canonical(text: &str) -> String {
    // CJK has no case and needs no Unicode table lookups: the common case stays cheap.
    text.chars()
        .filter(|&c| {
            is_cjk(c) || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings() {
        assert_eq!(ending("他说。”"), Ending::Final);
        assert_eq!(ending("Done."), Ending::Final);
        assert_eq!(ending("镇党委创新"), Ending::Open);
        assert_eq!(ending("勞動部今天表示，"), Ending::Comma);
        assert_eq!(ending("各有关企业："), Ending::Soft);
        assert_eq!(ending("across the manufac-"), Ending::Hyphen);
        assert_eq!(ending("以党建赋能基层治理——"), Ending::Dash);
        assert_eq!(ending("推动从“解决一件"), Ending::Open);
        assert!(!ends_open("结束了！"));
        assert!(!ends_open("详情见 https://example.com/a/b"));
        assert!(!ends_open("太好吃了😋"));
        assert!(ends_open("XR虚拟棚中"));
        assert!(ends_open("“观影”"));
    }

    #[test]
    fn quotes() {
        assert_eq!(quote_depth("推动从“解决一件"), 1);
        assert_eq!(quote_depth("“观影”融合"), 0);
        assert!(closes_before_opening("事”到“解决一类事”转变。"));
        assert!(!closes_before_opening("“事”到"));
        assert_eq!(quote_depth("said. \"But many of our members"), 1);
    }

    #[test]
    fn headings() {
        assert_eq!(heading("以大走访促发展 以大排查保安全"), Heading::Strong);
        assert_eq!(heading("红色动能激活创新引擎"), Heading::Strong);
        assert_eq!(heading("搭平台，把破题过程作为治理教材"), Heading::Weak);
        assert_eq!(
            heading("广富林街道丁香居民区以党建赋能基层治理——"),
            Heading::Strong
        );
        assert_eq!(
            heading("换梯方案由群众说了算，换梯进展请群众监督，换"),
            Heading::No
        );
        assert_eq!(heading("他说完就走了。"), Heading::No);
        assert_eq!(heading("Still the River Runs"), Heading::Strong);
        assert_eq!(
            heading("Factory orders rise for third month as export demand recovers"),
            Heading::Weak
        );
        assert_eq!(heading("夜市开张！这条老街晚上比白天还热闹"), Heading::Weak);
        let long = "这是一段很长的正文".repeat(6);
        assert_eq!(heading(&long), Heading::No);
    }

    #[test]
    fn lists_and_tables() {
        for item in [
            "一、补贴对象",
            "（二）申报",
            "1. First",
            "Day3 四姑娘山镇",
            "• 苹果",
            "- item",
            "①第一",
        ] {
            assert!(is_list_item(item), "{item}");
        }
        for not in [
            "2024年的报告",
            "1.5倍的增长",
            "今天天气好",
            "Dayton is a city",
        ] {
            assert!(!is_list_item(not), "{not}");
        }
        assert_eq!(table_cells("上城区 解放东路18号 0571-87011234"), Some(3));
        assert_eq!(table_cells("the quick brown fox"), None);
    }

    #[test]
    fn bylines_credits_ledes() {
        assert!(is_byline("本报记者 方敏"));
        assert!(is_byline("□记者 李梦颀 通讯员 王佳仪"));
        assert!(is_byline("By Hannah Price, Business reporter"));
        assert!(is_byline("文｜林溪"));
        assert!(!is_byline("本报记者 徐杰 摄"));
        assert!(!is_byline("记者走访发现，许多居民表示满意。"));
        assert!(!is_byline("By the time we arrived."));
        assert!(is_credit("本报记者 徐杰 摄"));
        assert!(is_credit("受访者供图"));
        assert!(is_credit("（李浩然攝）"));
        assert!(is_credit("Image source, Getty Images"));
        assert!(!is_credit("他们在河边拍摄了一整天。"));
        assert!(is_lede("本报讯（张依婷）3月7日下午，区委书记来到社区。"));
        assert!(is_lede("新华社北京3月1日电（记者 王某）今天……"));
        assert!(is_lede("【明報專訊】深水埗一幢唐樓"));
        assert!(is_lede("LONDON (Reuters) - Shares fell."));
        assert!(!is_lede("据介绍，今年拱墅区还将在运河沿线再建设三家"));
        assert!(!is_lede("The plan (which failed) - sadly"));
    }

    #[test]
    fn metadata() {
        assert!(is_metadata("发表时间：2021-11-11 来源：解放日报"));
        assert!(is_metadata("本帖最后由 老猫 于 2024-5-6 21:40 编辑"));
        assert!(!is_metadata(
            "泖港镇破解流动党员管理难题 从“无序流动”到“有为先锋”"
        ));
        assert!(!is_metadata("2024年，全市新增就业岗位十万个。"));
    }

    #[test]
    fn first_sentence() {
        assert_eq!(first_sentence_width("定“防护墙”。安全生产"), Some(12));
        assert_eq!(
            first_sentence_width("“到底是修还是换？什么”区房管局。"),
            Some(32)
        );
        assert_eq!(first_sentence_width("没有句号"), None);
    }
}
