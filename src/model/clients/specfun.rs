//! The special functions and the optimizer the CLV models need: log-gamma (from `libm`, the
//! port of musl's `lgamma`), digamma, the Gauss hypergeometric function 2F1 as a series, and
//! Nelder-Mead minimization.

/// ln |Γ(x)|. Infinite at 0 and the negative integers, NaN for NaN.
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ψ(x) = d/dx ln Γ(x), the digamma function. Infinite at 0 and NaN at the negative integers
/// and for NaN.
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x == f64::NEG_INFINITY {
        return f64::NAN;
    }
    if x <= 0.0 {
        if x == x.floor() {
            return if x == 0.0 {
                f64::NEG_INFINITY
            } else {
                f64::NAN
            };
        }
        // Reflection: ψ(x) = ψ(1 - x) - π / tan(π x).
        let pi = std::f64::consts::PI;
        return digamma(1.0 - x) - pi / (pi * x).tan();
    }
    // Recurrence ψ(x) = ψ(x + 1) - 1/x up to 10, where the asymptotic series below is
    // accurate to the last bit.
    let mut x = x;
    let mut shift = 0.0;
    while x < 10.0 {
        shift -= 1.0 / x;
        x += 1.0;
    }
    let inv2 = 1.0 / (x * x);
    // ln x - 1/(2x) - sum B_2k / (2k x^2k), k = 1..7.
    let series = inv2
        * (1.0 / 12.0
            - inv2
                * (1.0 / 120.0
                    - inv2
                        * (1.0 / 252.0
                            - inv2
                                * (1.0 / 240.0
                                    - inv2
                                        * (1.0 / 132.0
                                            - inv2 * (691.0 / 32_760.0 - inv2 / 12.0))))));
    shift + x.ln() - 0.5 / x - series
}

/// Most series terms summed before giving up.
const MAX_TERMS: usize = 200_000;

/// ln 2F1(a, b; c; z) for 0 <= z < 1 and c > 0, by the power series, with the Euler
/// transformation `2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z)` when it has the smaller
/// numerator parameters (then the terms stay small and the sum converges fast; this is the
/// form the BG/NBD conditional expectation needs for frequent buyers).
/// `None` when the series does not converge to a positive value.
pub fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(0.0..1.0).contains(&z) || c <= 0.0 || !(a.is_finite() && b.is_finite() && c.is_finite()) {
        return None;
    }
    let euler = (c - a).abs() + (c - b).abs() < a.abs() + b.abs();
    if euler {
        let ln_series = ln_series(c - a, c - b, c, z)?;
        let value = (c - a - b) * (-z).ln_1p() + ln_series;
        value.is_finite().then_some(value)
    } else {
        ln_series(a, b, c, z)
    }
}

/// ln of the plain series sum_k (a)_k (b)_k / ((c)_k k!) z^k, rescaled as it goes so that
/// large terms cannot overflow.
fn ln_series(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let mut term = 1.0f64;
    let mut sum = 1.0f64;
    let mut ln_scale = 0.0f64;
    for k in 0..MAX_TERMS {
        let k = k as f64;
        term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        sum += term;
        if sum.abs() > 1e250 {
            term *= 1e-250;
            sum *= 1e-250;
            ln_scale += 250.0 * std::f64::consts::LN_10;
        }
        if !sum.is_finite() {
            return None;
        }
        if term == 0.0 || term.abs() <= 1e-16 * sum.abs() {
            return (sum > 0.0).then(|| sum.ln() + ln_scale);
        }
    }
    None
}

/// Logistic function 1 / (1 + e^-x), without overflow.
pub fn expit(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Result of a minimization.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    /// Function evaluations used.
    pub evaluations: usize,
    /// The simplex shrank below the tolerances before the evaluation budget ran out.
    pub converged: bool,
}

/// Nelder-Mead settings.
#[derive(Debug, Clone, Copy)]
pub struct NelderMead {
    /// Initial step along each axis.
    pub step: f64,
    /// Stop when the simplex's values differ by less than this times (1 + |value|)...
    pub f_tol: f64,
    /// ...and its points by less than this in every coordinate.
    pub x_tol: f64,
    pub max_evaluations: usize,
    /// Restarts from the best point; a restart that improves nothing ends the search.
    pub max_restarts: usize,
    /// Coordinates are kept within +-bound (the objective is +infinity outside).
    pub bound: f64,
}

impl Default for NelderMead {
    fn default() -> Self {
        NelderMead {
            step: 0.5,
            f_tol: 1e-11,
            x_tol: 1e-7,
            max_evaluations: 6_000,
            max_restarts: 5,
            bound: 15.0,
        }
    }
}

impl NelderMead {
    /// Minimizes `f` from `start`. Non-finite values of `f` count as +infinity.
    pub fn minimize(&self, f: &mut dyn FnMut(&[f64]) -> f64, start: &[f64]) -> Minimum {
        let mut evaluations = 0;
        let bound = self.bound;
        let mut eval = |x: &[f64]| {
            evaluations += 1;
            if x.iter().any(|v| v.abs() > bound) {
                return f64::INFINITY;
            }
            let v = f(x);
            if v.is_finite() {
                v
            } else {
                f64::INFINITY
            }
        };
        let mut best = (start.to_vec(), eval(start));
        let mut converged = false;
        let mut left = self.max_evaluations;
        for restart in 0..=self.max_restarts {
            let step = self.step / (1 << restart.min(10)) as f64;
            let (x, value, ok, used) = self.run(&mut eval, &best.0, step, left);
            left = left.saturating_sub(used);
            let improved = best.1 - value;
            if value <= best.1 {
                best = (x, value);
            }
            converged = ok;
            if !ok || improved.abs() <= self.f_tol {
                break;
            }
        }
        Minimum {
            x: best.0,
            value: best.1,
            evaluations,
            converged,
        }
    }

    /// One Nelder-Mead run (standard coefficients 1, 2, 0.5, 0.5).
    fn run(
        &self,
        eval: &mut dyn FnMut(&[f64]) -> f64,
        start: &[f64],
        step: f64,
        budget: usize,
    ) -> (Vec<f64>, f64, bool, usize) {
        let n = start.len();
        let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
        simplex.push((start.to_vec(), eval(start)));
        for i in 0..n {
            let mut x = start.to_vec();
            x[i] += step;
            let v = eval(&x);
            simplex.push((x, v));
        }
        let mut used = n + 1;
        // A stall check: the best value must gain more than the tolerance in every stretch of
        // this many evaluations, or the search has converged in value (e.g. crawling along a
        // flat ridge to a bound, where the parameters cannot be pinned down any better).
        let stretch = 50 * (n + 1);
        let mut checkpoint = (used, f64::INFINITY);
        while used < budget {
            simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
            let best_value = simplex[0].1;
            let stalled = used >= checkpoint.0 + stretch && {
                let gain = checkpoint.1 - best_value;
                checkpoint = (used, best_value);
                gain <= self.f_tol * (1.0 + best_value.abs())
            };
            if stalled || self.small_enough(&simplex) {
                let (x, v) = simplex.swap_remove(0);
                return (x, v, true, used);
            }
            let centroid: Vec<f64> = (0..n)
                .map(|j| simplex[..n].iter().map(|p| p.0[j]).sum::<f64>() / n as f64)
                .collect();
            let toward = |t: f64, worst: &[f64]| -> Vec<f64> {
                (0..n)
                    .map(|j| centroid[j] + t * (worst[j] - centroid[j]))
                    .collect()
            };
            let worst = simplex[n].0.clone();
            let reflected = toward(-1.0, &worst);
            let fr = eval(&reflected);
            used += 1;
            if fr < simplex[0].1 {
                let expanded = toward(-2.0, &worst);
                let fe = eval(&expanded);
                used += 1;
                simplex[n] = if fe < fr {
                    (expanded, fe)
                } else {
                    (reflected, fr)
                };
            } else if fr < simplex[n - 1].1 {
                simplex[n] = (reflected, fr);
            } else {
                let outside = fr < simplex[n].1;
                let contracted = toward(if outside { -0.5 } else { 0.5 }, &worst);
                let fc = eval(&contracted);
                used += 1;
                if fc < fr.min(simplex[n].1) {
                    simplex[n] = (contracted, fc);
                } else {
                    let best = simplex[0].0.clone();
                    for p in simplex.iter_mut().skip(1) {
                        let shrunk: Vec<f64> =
                            (0..n).map(|j| best[j] + 0.5 * (p.0[j] - best[j])).collect();
                        let v = eval(&shrunk);
                        *p = (shrunk, v);
                    }
                    used += n;
                }
            }
        }
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (x, v) = simplex.swap_remove(0);
        (x, v, false, used)
    }

    /// The simplex's values agree to `f_tol` (relative), and its points to `x_tol` or its
    /// values to `f_tol / 100`: a flat direction (a parameter the data cannot pin down, e.g.
    /// drifting to a bound) then ends the search instead of crawling on for nothing.
    fn small_enough(&self, simplex: &[(Vec<f64>, f64)]) -> bool {
        let (best, best_value) = (&simplex[0].0, simplex[0].1);
        let f_scale = 1.0 + best_value.abs();
        let spread = simplex
            .iter()
            .map(|(_, v)| (v - best_value).abs())
            .fold(0.0, f64::max);
        let x_close = simplex
            .iter()
            .skip(1)
            .all(|(x, _)| x.iter().zip(best).all(|(a, b)| (a - b).abs() <= self.x_tol));
        spread <= self.f_tol * f_scale && (x_close || spread <= self.f_tol / 100.0 * f_scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn ln_gamma_known_values() {
        assert!(close(ln_gamma(1.0), 0.0, 1e-14));
        assert!(close(ln_gamma(2.0), 0.0, 1e-14));
        // Γ(5) = 24, Γ(0.5) = √π, Γ(10.5) = 1133278.3889487855.
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-14));
        assert!(close(ln_gamma(0.5), PI.sqrt().ln(), 1e-14));
        assert!(close(
            ln_gamma(10.5),
            1_133_278.388_948_785_5f64.ln(),
            1e-14
        ));
        // Stirling check at 1000: ln Γ(1000) = 5905.220423209181.
        assert!(close(ln_gamma(1000.0), 5_905.220_423_209_181, 1e-13));
        // Small argument through the reflection: Γ(0.01) = 99.43258511915060.
        assert!(close(ln_gamma(0.01), 99.432_585_119_150_6f64.ln(), 1e-13));
        assert_eq!(ln_gamma(0.0), f64::INFINITY);
    }

    #[test]
    fn digamma_known_values() {
        let euler = 0.577_215_664_901_532_9;
        // Closed forms: ψ(1) = -γ, ψ(1/2) = -γ - 2 ln 2, ψ(n) = H(n-1) - γ.
        assert!(close(digamma(1.0), -euler, 1e-15));
        assert!(close(digamma(0.5), -euler - 2.0 * 2f64.ln(), 1e-15));
        let h9: f64 = (1..10).map(|k| 1.0 / f64::from(k)).sum();
        assert!(close(digamma(10.0), h9 - euler, 1e-15));
        let h99: f64 = (1..100).map(|k| 1.0 / f64::from(k)).sum();
        assert!(close(digamma(100.0), h99 - euler, 1e-15));
        // scipy.special.digamma.
        for (x, want) in [
            (2.0, 0.422_784_335_098_467_13),
            (3.7, 1.167_153_539_361_511_3),
            (6.25, 1.750_453_526_883_736),
            (0.243, -4.351_093_864_423_211),
            (0.01, -100.560_885_457_868_68),
            (1e-5, -100_000.577_199_215_67),
            (1e6, 13.815_510_057_964_19),
            (-0.5, 0.036_489_973_978_576_51),
            (-2.5, 1.103_156_640_645_243_3),
        ] {
            let got = digamma(x);
            assert!(
                (got - want).abs() <= 1e-14 * want.abs(),
                "ψ({x}) = {got}, want {want}"
            );
        }
        // ψ is the derivative of ln Γ (central difference).
        for x in [0.3, 1.7, 4.2, 25.0, 3e3] {
            let h = 1e-5 * x;
            let numeric = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!(close(digamma(x), numeric, 1e-7), "{x}");
        }
        assert_eq!(digamma(0.0), f64::NEG_INFINITY);
        assert!(digamma(-3.0).is_nan() && digamma(f64::NAN).is_nan());
        assert_eq!(digamma(f64::INFINITY), f64::INFINITY);
    }

    #[test]
    fn hyp2f1_closed_forms() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z.
        for z in [0.1f64, 0.5, 0.9, 0.99] {
            let want = (-(-z).ln_1p() / z).ln();
            assert!(
                close(ln_hyp2f1(1.0, 1.0, 2.0, z).unwrap(), want, 1e-12),
                "{z}"
            );
        }
        // 2F1(a, b; b; z) = (1 - z)^-a.
        let want = -2.5 * (-0.7f64).ln_1p();
        assert!(close(ln_hyp2f1(2.5, 3.0, 3.0, 0.7).unwrap(), want, 1e-12));
        // Large parameters, as for a client with 300 repeat purchases: the Euler form keeps
        // the terms small. 2F1(a, b; b; z) again, now with a = 300.3, b = c = 302.4.
        let want = -300.3 * (-0.6f64).ln_1p();
        assert!(close(
            ln_hyp2f1(300.3, 302.4, 302.4, 0.6).unwrap(),
            want,
            1e-10
        ));
        assert_eq!(ln_hyp2f1(1.0, 1.0, 2.0, 1.0), None);
        assert_eq!(ln_hyp2f1(1.0, 1.0, f64::NAN, 0.5), None);
    }

    #[test]
    fn nelder_mead_finds_rosenbrock_minimum() {
        let mut f = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = NelderMead::default().minimize(&mut f, &[-1.2, 1.0]);
        assert!(m.converged);
        assert!(
            (m.x[0] - 1.0).abs() < 1e-5 && (m.x[1] - 1.0).abs() < 1e-5,
            "{:?}",
            m.x
        );
    }

    #[test]
    fn nelder_mead_survives_nan() {
        let mut f = |x: &[f64]| {
            if x[0] < 0.0 {
                f64::NAN
            } else {
                (x[0] - 2.0).powi(2)
            }
        };
        let m = NelderMead::default().minimize(&mut f, &[1.0]);
        assert!((m.x[0] - 2.0).abs() < 1e-5);
    }
}
