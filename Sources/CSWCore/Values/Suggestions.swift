/// Near-miss suggestions for mistyped names.
package enum Suggestions {
    /// Up to `limit` candidates closest to `word`, closest first, among those
    /// within a small edit distance or sharing a long prefix or substring.
    package static func closest(to word: String, among candidates: [String], limit: Int = 2) -> [String] {
        let lowered = word.lowercased()
        let threshold = max(2, lowered.count / 3)
        var scored: [(candidate: String, distance: Int)] = []
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            let related = lowered.count >= 4 && (candidate.contains(lowered) || lowered.contains(candidate))
            if distance <= threshold || related {
                scored.append((candidate, related ? min(distance, threshold) : distance))
            }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.candidate < $1.candidate }
        return scored.prefix(limit).map(\.candidate)
    }

    /// The Damerau-Levenshtein distance (with adjacent swaps) between two strings.
    package static func editDistance(_ first: String, _ second: String) -> Int {
        let a = Array(first.unicodeScalars)
        let b = Array(second.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[a.count][b.count]
    }
}
