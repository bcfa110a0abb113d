//! What the tests of the fits share: customers drawn from known BG/NBD and Gamma-Gamma
//! parameters (a small deterministic generator, splitmix64, and the samplers the models
//! need), and an optimum found independently of the fits' own gradients, by Newton's method
//! on numeric derivatives of a log-likelihood.

use super::{BgNbdParams, CustomerSummary, GammaGammaParams};

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on (0, 1), never 0 (its logarithm is taken).
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    pub fn exponential(&mut self, rate: f64) -> f64 {
        -self.uniform().ln() / rate
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Gamma with this shape and rate (Marsaglia & Tsang; shape < 1 by the boost
    /// Gamma(k) = Gamma(k + 1) U^(1/k)).
    pub fn gamma(&mut self, shape: f64, rate: f64) -> f64 {
        if shape < 1.0 {
            let boost = self.uniform().powf(1.0 / shape);
            return self.gamma(shape + 1.0, rate) * boost;
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let z = self.normal();
            let v = (1.0 + c * z).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.uniform();
            if u.ln() < 0.5 * z * z + d - d * v + d * v.ln() {
                return d * v / rate;
            }
        }
    }

    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a, 1.0);
        let y = self.gamma(b, 1.0);
        x / (x + y)
    }
}

/// One BG/NBD customer observed for `t` time units after the first purchase: Poisson
/// purchases at rate `lambda` while alive, drop-out with probability `p` after each repeat.
pub fn bgnbd_customer(rng: &mut Rng, lambda: f64, p: f64, t: f64) -> CustomerSummary {
    let (mut x, mut recency, mut now) = (0.0, 0.0, 0.0);
    loop {
        now += rng.exponential(lambda);
        if now > t {
            break;
        }
        x += 1.0;
        recency = now;
        if rng.uniform() < p {
            break;
        }
    }
    CustomerSummary {
        frequency: x,
        recency,
        t,
        monetary: 0.0,
    }
}

/// `n` customers from `params`, with ages spread uniformly over `min_t..max_t`; those with
/// repeat purchases get a mean spend from `spend` (each purchase ~ Gamma(p, nu), nu ~
/// Gamma(q, v)).
pub fn population(
    rng: &mut Rng,
    n: usize,
    params: &BgNbdParams,
    spend: &GammaGammaParams,
    (min_t, max_t): (f64, f64),
) -> Vec<CustomerSummary> {
    (0..n)
        .map(|_| {
            let lambda = rng.gamma(params.r, params.alpha);
            let p = rng.beta(params.a, params.b);
            let t = min_t + (max_t - min_t) * rng.uniform();
            let mut c = bgnbd_customer(rng, lambda, p, t);
            c.monetary = mean_spend(rng, c.frequency, spend);
            c
        })
        .collect()
}

/// The mean of `x` spends of one customer (0 for x = 0).
pub fn mean_spend(rng: &mut Rng, x: f64, spend: &GammaGammaParams) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let nu = rng.gamma(spend.q, spend.v);
    let count = x as usize;
    (0..count).map(|_| rng.gamma(spend.p, nu)).sum::<f64>() / x
}

/// Sum without the rounding of a long running total (Neumaier): the numeric derivatives
/// below divide differences of such sums by small steps.
pub fn exact_sum(terms: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut carry) = (0.0f64, 0.0f64);
    for t in terms {
        let next = sum + t;
        carry += if sum.abs() >= t.abs() {
            (sum - next) + t
        } else {
            (t - next) + sum
        };
        sum = next;
    }
    sum + carry
}

/// 7-point central difference of `f` along coordinate `i` (error of order h^6).
fn derivative(f: &dyn Fn(&[f64]) -> f64, x: &[f64], i: usize, h: f64) -> f64 {
    let at = |k: f64| {
        let mut y = x.to_vec();
        y[i] += k * h;
        f(&y)
    };
    (45.0 * (at(1.0) - at(-1.0)) - 9.0 * (at(2.0) - at(-2.0)) + (at(3.0) - at(-3.0))) / (60.0 * h)
}

/// Second derivatives of `f` by central differences.
// Matrix indices read as the formulas do.
#[allow(clippy::needless_range_loop)]
fn hessian(f: &dyn Fn(&[f64]) -> f64, x: &[f64], h: f64) -> Vec<Vec<f64>> {
    let n = x.len();
    let at = |steps: &[(usize, f64)]| {
        let mut y = x.to_vec();
        for &(i, k) in steps {
            y[i] += k * h;
        }
        f(&y)
    };
    let f0 = f(x);
    let mut out = vec![vec![0.0; n]; n];
    for i in 0..n {
        out[i][i] = (at(&[(i, 1.0)]) - 2.0 * f0 + at(&[(i, -1.0)])) / (h * h);
        for j in 0..i {
            let v = (at(&[(i, 1.0), (j, 1.0)])
                - at(&[(i, 1.0), (j, -1.0)])
                - at(&[(i, -1.0), (j, 1.0)])
                + at(&[(i, -1.0), (j, -1.0)]))
                / (4.0 * h * h);
            out[i][j] = v;
            out[j][i] = v;
        }
    }
    out
}

/// Solves `a y = b` by Gaussian elimination with partial pivoting.
#[allow(clippy::needless_range_loop)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap();
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let factor = a[row][col] / a[col][col];
            for k in col..n {
                a[row][k] -= factor * a[col][k];
            }
            b[row] -= factor * b[col];
        }
    }
    let mut y = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * y[k]).sum();
        y[row] = (b[row] - s) / a[row][row];
    }
    y
}

/// The maximum of `log_likelihood` (a function of the log-parameters) by plain Newton steps
/// on numeric derivatives from `start`, iterated until a step moves no coordinate by more
/// than 1e-11 (near the rounding floor of the numeric gradient); panics if it does not get
/// there.
pub fn numeric_newton_maximum(log_likelihood: &dyn Fn(&[f64]) -> f64, start: &[f64]) -> Vec<f64> {
    let mut x = start.to_vec();
    for _ in 0..50 {
        let g: Vec<f64> = (0..x.len())
            .map(|i| derivative(log_likelihood, &x, i, 5e-3))
            .collect();
        let h = hessian(log_likelihood, &x, 1e-3);
        let step = solve(h, g);
        let longest = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        // Newton's step to the maximum is -H^-1 g; damped far from it.
        let damp = if longest > 0.5 { 0.5 / longest } else { 1.0 };
        for (xi, s) in x.iter_mut().zip(&step) {
            *xi -= damp * s;
        }
        if longest < 1e-11 {
            return x;
        }
    }
    panic!("numeric Newton did not converge from {start:?}: {x:?}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samplers_have_the_right_moments() {
        let mut rng = Rng::new(1);
        let n = 200_000;
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let var = |v: &[f64]| {
            let m = mean(v);
            v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64
        };
        for (shape, rate) in [(0.5, 5.0), (6.0, 2.0), (0.3, 1.0)] {
            let xs: Vec<f64> = (0..n).map(|_| rng.gamma(shape, rate)).collect();
            let (m, v) = (shape / rate, shape / (rate * rate));
            // Within 5 standard errors of the mean, 5 % of the variance.
            assert!(
                (mean(&xs) - m).abs() < 5.0 * (v / n as f64).sqrt(),
                "{shape}"
            );
            assert!((var(&xs) / v - 1.0).abs() < 0.05, "{shape}: {}", var(&xs));
        }
        let xs: Vec<f64> = (0..n).map(|_| rng.beta(0.8, 3.0)).collect();
        assert!((mean(&xs) - 0.8 / 3.8).abs() < 0.002);
    }
}
