//! The search: candidates from both paths, verified, clustered.

use rayon::prelude::*;
use serde::Serialize;

use super::cluster::clusters;
use super::index::pairs_within;
use super::lsh::band_candidates;
use super::store::SignatureSet;
use super::verify::Evidence;
use super::DupSettings;

/// Two documents found to be the same story.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DupPair {
    /// The smaller id of the two.
    pub a: String,
    pub b: String,
    /// Simhash Hamming distance (bits of 64).
    pub distance: u32,
    /// Estimated Jaccard similarity of the shingle sets.
    pub jaccard: f64,
    /// Estimated share of the smaller document's shingles found in the larger.
    pub containment: f64,
}

/// A group of copies of one story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DupCluster {
    /// The most complete member (longest clean text; ties to the smallest id).
    pub representative: String,
    /// All members, the representative first, then in id order.
    pub members: Vec<String>,
}

/// The result of a search.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DupReport {
    /// Documents searched (loaded from indexes and new).
    pub documents: usize,
    /// Candidate pairs verified.
    pub candidates: usize,
    /// Verified pairs, ordered by `a` then `b`.
    pub pairs: Vec<DupPair>,
    /// Clusters, ordered by representative.
    pub clusters: Vec<DupCluster>,
}

impl SignatureSet {
    /// Finds the near-duplicate pairs and clusters. When the set holds both documents loaded
    /// from index files and new ones, only pairs involving a new document are reported (the
    /// corpus was checked when it was indexed); a set of only loaded or only new documents
    /// is searched completely. The result does not depend on the order the documents were
    /// added in nor on the number of threads.
    pub fn find_duplicates(&self, settings: &DupSettings) -> DupReport {
        let n = self.len();
        let first_new = self.loaded();
        let partial = first_new > 0 && first_new < n;
        let keep = move |_a: u32, b: u32| !partial || b as usize >= first_new;

        let mut candidates = band_candidates(self.sketches(), settings.bands, settings.rows, &keep);
        candidates.extend(
            pairs_within(self.simhashes(), settings.hamming, &keep)
                .into_iter()
                .map(|p| (p.a, p.b)),
        );
        candidates.par_sort_unstable();
        candidates.dedup();

        let verified: Vec<(u32, u32, u32, Evidence)> = candidates
            .par_iter()
            .filter_map(|&(a, b)| {
                let (ia, ib) = (a as usize, b as usize);
                let evidence = Evidence::measure(
                    self.sketch(ia),
                    self.sketch(ib),
                    self.shingles(ia),
                    self.shingles(ib),
                );
                let distance = (self.simhash(ia) ^ self.simhash(ib)).count_ones();
                settings
                    .threshold
                    .accept(&evidence)
                    .then_some((a, b, distance, evidence))
            })
            .collect();

        let groups = clusters(
            n,
            verified.iter().map(|&(a, b, _, _)| (a, b)),
            |i| self.text_chars(i as usize),
            |i| self.id(i as usize),
        );
        let mut pairs: Vec<DupPair> = verified
            .iter()
            .map(|&(a, b, distance, e)| {
                let (a, b) = (self.id(a as usize), self.id(b as usize));
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                DupPair {
                    a: a.to_string(),
                    b: b.to_string(),
                    distance,
                    jaccard: round3(e.jaccard),
                    containment: round3(e.containment),
                }
            })
            .collect();
        pairs.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
        DupReport {
            documents: n,
            candidates: candidates.len(),
            pairs,
            clusters: groups
                .into_iter()
                .map(|members| DupCluster {
                    representative: self.id(members[0] as usize).to_string(),
                    members: members
                        .iter()
                        .map(|&m| self.id(m as usize).to_string())
                        .collect(),
                })
                .collect(),
        }
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &[&str] = &[
        "海上丝路与南汉国史料展21日在广州开幕，南汉开国皇帝刘龑相关的墓志拓片、宫殿建筑构件等120余件文物首次集中展出。",
        "据主办方介绍，南汉是五代十国时期以广州为都城的地方政权，历时五十余年，留下了大量珍贵的历史遗存。",
        "展览分为立国岭南、海舶往来、宫苑遗珍三个单元，通过出土文物、古籍文献和数字复原影像，呈现一千多年前广州的城市面貌。",
        "主办方表示，展览将持续至今年十月底，其间还将举办多场学术讲座和面向中小学生的研学活动，欢迎市民免费参观。",
    ];

    const OTHER: &[&str] = &[
        "中国工商银行甘肃省分行积极筹措资金，扶持国有大中型商业企业，推动商业企业的改革和发展，繁荣了市场商品供应。",
        "日本朝日新闻今天报道有关调查结果说，使用汽油的室内排气型暖气设备对室内空气的污染最为严重，部分居室超过安全标准。",
        "南非外交部部长、各国驻南非使节、南非各界人士和中国外交官以及新闻机构的记者约三百人目睹了这一历史性时刻。",
    ];

    fn corpus() -> Vec<(String, String)> {
        let story = STORY.join("\n");
        vec![
            (
                "site1/a.txt".into(),
                format!("首页 > 新闻\n{story}\n责任编辑：王明"),
            ),
            ("site2/b.txt".into(), STORY.join("")),
            ("site3/c.txt".into(), STORY[..2].join("\n")),
            (
                "site4/d.txt".into(),
                story.replace("广州", "廣州").replace("国", "國"),
            ),
            ("x.txt".into(), OTHER.join("\n")),
            ("y.txt".into(), format!("{}\n{}", OTHER[0], STORY[3])),
        ]
    }

    fn add_all(set: &mut SignatureSet, docs: &[(String, String)]) {
        for (id, text) in docs {
            set.add_text(id.clone(), text);
        }
    }

    fn report(docs: &[(String, String)]) -> DupReport {
        let settings = DupSettings::default();
        let mut set = SignatureSet::new(&settings);
        add_all(&mut set, docs);
        set.find_duplicates(&settings)
    }

    #[test]
    fn copies_are_found_and_clustered_different_stories_are_not() {
        let r = report(&corpus());
        let ids: Vec<_> = r
            .pairs
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str()))
            .collect();
        assert!(ids.contains(&("site1/a.txt", "site2/b.txt")), "{ids:?}");
        assert!(ids.contains(&("site1/a.txt", "site4/d.txt")), "{ids:?}");
        assert!(ids.contains(&("site1/a.txt", "site3/c.txt")), "{ids:?}");
        assert!(
            ids.iter()
                .all(|(a, b)| !a.starts_with('x') && !b.starts_with('y')),
            "{ids:?}"
        );
        assert_eq!(r.clusters.len(), 1);
        assert_eq!(r.clusters[0].representative, "site1/a.txt");
        assert_eq!(r.clusters[0].members.len(), 4);
    }

    #[test]
    fn dups_independent_of_input_order() {
        let docs = corpus();
        let forward = report(&docs);
        let mut reversed = docs.clone();
        reversed.reverse();
        assert_eq!(forward, report(&reversed));
        let mut rotated = docs;
        rotated.rotate_left(2);
        assert_eq!(forward, report(&rotated));
    }

    /// Two notices from one template: the same opening and closing, different people.
    fn notice(people: &[&str], dates: &str) -> String {
        let mut text = vec![
            "干部任职前公示".to_string(),
            "根据党政领导干部选拔任用工作有关规定，经研究，拟对以下同志进行任职前公示，现将有关情况公布如下：".to_string(),
        ];
        text.extend(people.iter().map(|p| p.to_string()));
        text.push(format!("公示时间为{dates}，共五个工作日。公示期间，如对公示对象有不同意见，可通过来信、来电、来访等方式向组织部反映。"));
        text.push(
            "反映问题要实事求是，以个人名义反映的提倡署实名，以单位名义反映的应加盖公章。".into(),
        );
        text.join("\n")
    }

    #[test]
    fn template_look_alikes_are_not_duplicates() {
        let a = notice(
            &[
                "周建华，男，汉族，1975年6月生，大学学历，现任县水利局副局长，拟任县水利局局长。",
                "孙丽娟，女，汉族，1981年2月生，研究生学历，现任县教育局办公室主任，拟任县教育局副局长。",
            ],
            "2023年3月6日至3月10日",
        );
        let b = notice(
            &[
                "吴志刚，男，回族，1979年11月生，大学学历，现任城关镇党委副书记，拟任城关镇镇长。",
                "郑晓梅，女，汉族，1986年8月生，大学学历，现任县卫健局医政股股长，拟任县卫健局副局长。",
            ],
            "2023年9月11日至9月15日",
        );
        let r = report(&[("a.txt".into(), a.clone()), ("b.txt".into(), b)]);
        assert!(r.pairs.is_empty(), "{:?}", r.pairs);
        // The same notice re-posted with another heading is one.
        let repost = a.replacen("干部任职前公示", "关于干部任前公示的公告", 1);
        let r = report(&[("a.txt".into(), a), ("c.txt".into(), repost)]);
        assert_eq!(r.pairs.len(), 1);
    }

    #[test]
    fn dups_independent_of_thread_count() {
        let docs = corpus();
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool")
                .install(|| report(&docs))
        };
        assert_eq!(run(1), run(3));
    }

    #[test]
    fn new_documents_are_checked_against_a_loaded_index() {
        let settings = DupSettings::default();
        let docs = corpus();
        let mut old = SignatureSet::new(&settings);
        add_all(&mut old, &docs[..2]);
        let bytes = old.to_bytes();
        let loaded =
            SignatureSet::from_bytes(&bytes, std::path::Path::new("old.idx")).expect("parse");
        let mut set = SignatureSet::new(&settings);
        add_all(&mut set, &docs[2..]);
        set.merge(loaded, std::path::Path::new("old.idx"))
            .expect("merge");
        let r = set.find_duplicates(&settings);
        // a–b are both in the old index: not reported again.
        assert!(r
            .pairs
            .iter()
            .all(|p| !(p.a == "site1/a.txt" && p.b == "site2/b.txt")));
        assert!(r
            .pairs
            .iter()
            .any(|p| p.a == "site1/a.txt" && p.b == "site3/c.txt"));
    }
}
