//! Clusters: union-find over the verified pairs; each cluster is represented by its most
//! complete member.

/// A union-find forest over document indexes.
#[derive(Clone, Debug)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    /// The root of `x`'s set (halving the path on the way).
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    /// Joins the sets of `a` and `b` (the smaller index becomes the root, so the forest
    /// does not depend on the order of the unions).
    pub fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }
}

/// Groups of two or more indexes connected by `pairs`. Each group lists its members with
/// the representative first: the longest text (`length`), ties to the smallest id. The
/// rest follow in id order; groups are ordered by representative id.
pub fn clusters<'a>(
    n: usize,
    pairs: impl IntoIterator<Item = (u32, u32)>,
    length: impl Fn(u32) -> u64,
    id: impl Fn(u32) -> &'a str,
) -> Vec<Vec<u32>> {
    let mut forest = UnionFind::new(n);
    let mut touched = Vec::new();
    for (a, b) in pairs {
        forest.union(a, b);
        touched.push(a);
        touched.push(b);
    }
    touched.sort_unstable();
    touched.dedup();
    let mut by_root: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for x in touched {
        let root = forest.find(x);
        by_root.entry(root).or_default().push(x);
    }
    let mut out: Vec<Vec<u32>> = by_root
        .into_values()
        .map(|mut members| {
            members.sort_by(|&x, &y| id(x).cmp(id(y)).then(x.cmp(&y)));
            let best = members
                .iter()
                .enumerate()
                .max_by(|(_, &x), (_, &y)| length(x).cmp(&length(y)).then(id(y).cmp(id(x))))
                .map_or(0, |(i, _)| i);
            let rep = members.remove(best);
            members.insert(0, rep);
            members
        })
        .collect();
    out.sort_by(|x, y| id(x[0]).cmp(id(y[0])));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitive_groups_with_longest_representative() {
        let ids = ["d", "c", "b", "a", "e"];
        let len = [10u64, 30, 30, 5, 7];
        let got = clusters(
            5,
            [(0, 1), (2, 1), (3, 4)],
            |i| len[i as usize],
            |i| ids[i as usize],
        );
        // {0,1,2}: 1 ("c") and 2 ("b") are longest; "b" wins the tie.
        assert_eq!(got, vec![vec![2, 1, 0], vec![4, 3]]);
    }

    #[test]
    fn no_pairs_no_clusters() {
        let got = clusters(3, [], |_| 1, |_| "x");
        assert!(got.is_empty());
    }

    #[test]
    fn union_order_does_not_matter() {
        let mut a = UnionFind::new(6);
        let mut b = UnionFind::new(6);
        for (x, y) in [(0, 5), (5, 3), (2, 4)] {
            a.union(x, y);
        }
        for (x, y) in [(4, 2), (3, 5), (5, 0)] {
            b.union(x, y);
        }
        for i in 0..6 {
            assert_eq!(a.find(i), b.find(i));
        }
    }
}
