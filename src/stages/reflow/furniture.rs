//! Page furniture that reflow and articles must recognise even when the debris stage has
//! not removed it: bylines and photo credits (which mark article starts and sit between the
//! halves of broken paragraphs), ledes and metadata lines. Only the generic words the press
//! uses for these (记者, 摄, 供图, 本报讯, "By") are consulted, never names.

use super::shape::{ending, ends_open, is_latin, width_up_to, Ending};

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
    let t = text.trim_start_matches(['□', '■', '◎', '○', '●', ' ']);
    // Cheap tests first: this runs on both sides of every line break, mostly on long
    // paragraphs, which only the English form (`By …`) could still match.
    let opens_with_by = t
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("by"));
    // `is_cjk_byline` rules out long lines before anything reads the whole line.
    let shaped = if opens_with_by && is_latin(t) {
        is_latin_byline(t)
    } else {
        is_cjk_byline(t) && !is_latin(t)
    };
    shaped && !(is_credit(text) || ends_open(text) && ending(text) == Ending::Comma)
}

/// `By Jane Doe`, `By JANE DOE and John Roe, Reuters` (`t` opens with `by`): 3 to 12
/// words, no full stop.
fn is_latin_byline(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() >= 3
        && words.len() <= 12
        && words[1].chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with('.')
}

/// A short line without a sentence end that names a reporter's role or opens like a byline.
fn is_cjk_byline(t: &str) -> bool {
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
    let head_end = text.char_indices().nth(40).map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
