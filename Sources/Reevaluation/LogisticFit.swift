import Foundation

/// A logistic regression fitted by Newton's method with a small ridge penalty: how a credit
/// scorecard weighs its characteristics before turning them into points. The inputs here are a
/// handful of weight-of-evidence columns, so the normal equations are small and exact.
struct LogisticFit {
    /// One weight per column.
    let weights: [Double]
    let intercept: Double

    /// `rows[i][j]` is record i's value in column j; `outcomes[i]` whether it was won.
    init(rows: [[Double]], outcomes: [Bool], ridge: Double = 1, iterations: Int = 30) {
        let p = (rows.first?.count ?? 0) + 1
        var beta = [Double](repeating: 0, count: p)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: p)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
            for (row, won) in zip(rows, outcomes) {
                let x = [1.0] + row
                var z = 0.0
                for j in 0..<p { z += beta[j] * x[j] }
                let prob = 1 / (1 + Foundation.exp(min(max(-z, -40), 40)))
                let residual = (won ? 1 : 0) - prob
                let w = max(prob * (1 - prob), 1e-9)
                for j in 0..<p {
                    gradient[j] += residual * x[j]
                    for k in j..<p { hessian[j][k] += w * x[j] * x[k] }
                }
            }
            for j in 1..<p {
                gradient[j] -= ridge * beta[j]
                hessian[j][j] += ridge
            }
            for j in 0..<p { for k in 0..<j { hessian[j][k] = hessian[k][j] } }
            guard let step = Self.solve(hessian, gradient) else { break }
            var largest = 0.0
            for j in 0..<p {
                beta[j] += step[j]
                largest = max(largest, abs(step[j]))
            }
            if largest < 1e-8 { break }
        }
        intercept = beta[0]
        weights = Array(beta.dropFirst())
    }

    /// Solves `a x = b` by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a
        var v = b
        let n = v.count
        for col in 0..<n {
            var pivot = col
            for row in col..<n where abs(m[row][col]) > abs(m[pivot][col]) { pivot = row }
            guard abs(m[pivot][col]) > 1e-12 else { return nil }
            m.swapAt(col, pivot)
            v.swapAt(col, pivot)
            for row in (col + 1)..<n {
                let factor = m[row][col] / m[col][col]
                guard factor != 0 else { continue }
                for k in col..<n { m[row][k] -= factor * m[col][k] }
                v[row] -= factor * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = v[row]
            for k in (row + 1)..<n { sum -= m[row][k] * x[k] }
            x[row] = sum / m[row][row]
        }
        return x
    }
}
