//! The optimizer both fits share: a short Nelder-Mead run finds the basin, then Newton steps
//! on the analytic gradient (the Hessian from central differences of that gradient) converge
//! to the optimum to the precision of the arithmetic. Coordinates are the logarithms of the
//! parameters, kept within a box of +-[`BOUND`]; a parameter that runs to the box stops there
//! (the verdict then says which one).

use crate::model::clients::specfun::NelderMead;

/// Box on the log-parameters: e^15 = 3.3e6, beyond any parameter a real base can pin down.
pub const BOUND: f64 = 15.0;
/// Newton iterations before giving up.
const MAX_ITERATIONS: usize = 100;
/// Converged when no coordinate moves more than this (relative change of a parameter).
const STEP_TOL: f64 = 1e-12;
/// A Newton step this small that no longer lowers the objective is at the rounding floor.
const FLOOR_STEP: f64 = 1e-7;
/// Step of the central differences of the gradient that give the Hessian.
const HESSIAN_STEP: f64 = 1e-4;
/// Longest Newton step in log space (a factor e^2 per parameter).
const MAX_STEP: f64 = 2.0;

/// The minimum found.
#[derive(Debug, Clone)]
pub struct Optimum {
    pub x: Vec<f64>,
    pub value: f64,
    /// Objective and gradient evaluations.
    pub evaluations: usize,
    /// Newton's step fell below [`STEP_TOL`] (or to the rounding floor), inside the box or
    /// against it with the gradient pointing out.
    pub converged: bool,
    /// Hessian of the objective at `x`, row-major; `None` when it could not be computed.
    pub hessian: Option<Vec<f64>>,
}

/// Minimizes `f`, whose value and gradient `fg` gives (the gradient written into its second
/// argument; a non-finite value means outside the domain), from `start`.
pub fn minimize(
    f: &mut dyn FnMut(&[f64]) -> f64,
    fg: &mut dyn FnMut(&[f64], &mut [f64]) -> f64,
    start: &[f64],
) -> Optimum {
    // A coarse start: Newton needs only the right basin, and the simplex is slow to finish.
    let coarse = NelderMead {
        f_tol: 1e-3,
        x_tol: 1e-1,
        max_evaluations: 2_000,
        max_restarts: 0,
        bound: BOUND,
        ..NelderMead::default()
    }
    .minimize(f, start);
    let mut out = newton(fg, &coarse.x);
    out.evaluations += coarse.evaluations;
    if coarse.value.is_finite() && (out.value.is_nan() || out.value > coarse.value) {
        // Newton never moves uphill; this only guards a start where the gradient is not finite.
        out.x = coarse.x;
        out.value = coarse.value;
        out.converged = false;
    }
    out
}

/// Newton iterations from `start`, with a backtracking line search and the Hessian's
/// eigenvalues taken in absolute value (so a saddle or a flat direction still gives a descent
/// direction).
fn newton(fg: &mut dyn FnMut(&[f64], &mut [f64]) -> f64, start: &[f64]) -> Optimum {
    let n = start.len();
    let mut evaluations = 0;
    let mut eval = |x: &[f64], g: &mut [f64]| -> f64 {
        evaluations += 1;
        let v = fg(x, g);
        if v.is_finite() && g.iter().all(|d| d.is_finite()) {
            v
        } else {
            f64::INFINITY
        }
    };
    let mut x: Vec<f64> = start.iter().map(|v| v.clamp(-BOUND, BOUND)).collect();
    let mut g = vec![0.0; n];
    let mut value = eval(&x, &mut g);
    let mut hessian = None;
    let mut converged = false;
    if !value.is_finite() {
        return Optimum {
            x,
            value,
            evaluations,
            converged,
            hessian,
        };
    }
    let mut trial_g = vec![0.0; n];
    for _ in 0..MAX_ITERATIONS {
        hessian = fd_hessian(&mut eval, &x);
        // Coordinates against the box with the descent pointing out stay where they are.
        let free: Vec<bool> = (0..n)
            .map(|i| !((x[i] >= BOUND && g[i] < 0.0) || (x[i] <= -BOUND && g[i] > 0.0)))
            .collect();
        let mut d = match &hessian {
            Some(h) => newton_direction(h, &g, &free),
            None => g.iter().map(|v| -v).collect(),
        };
        for (di, &f) in d.iter_mut().zip(&free) {
            if !f {
                *di = 0.0;
            }
        }
        let longest = d.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if longest <= STEP_TOL {
            converged = true;
            break;
        }
        if longest > MAX_STEP {
            d.iter_mut().for_each(|v| *v *= MAX_STEP / longest);
        }
        // The longest step that stays in the box.
        let mut alpha = 1.0f64;
        for (xi, di) in x.iter().zip(&d) {
            if *di > 0.0 {
                alpha = alpha.min((BOUND - xi) / di);
            } else if *di < 0.0 {
                alpha = alpha.min((-BOUND - xi) / di);
            }
        }
        let slope: f64 = g.iter().zip(&d).map(|(a, b)| a * b).sum();
        let g_norm = g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let mut accepted = None;
        for _ in 0..60 {
            let trial: Vec<f64> = x
                .iter()
                .zip(&d)
                .map(|(xi, di)| snap(xi + alpha * di))
                .collect();
            let v = eval(&trial, &mut trial_g);
            let t_norm = trial_g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            let armijo = v <= value + 1e-4 * alpha * slope;
            // Near the optimum the objective's changes drown in rounding; a smaller gradient
            // then tells that the step went the right way.
            let floor = v <= value + 8.0 * f64::EPSILON * value.abs() && t_norm < g_norm;
            if v.is_finite() && (armijo || floor) {
                accepted = Some((trial, v));
                break;
            }
            alpha *= 0.5;
        }
        let Some((trial, v)) = accepted else {
            converged = longest <= FLOOR_STEP;
            break;
        };
        let moved = x
            .iter()
            .zip(&trial)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        x = trial;
        value = v;
        g.copy_from_slice(&trial_g);
        if moved <= STEP_TOL {
            converged = true;
            break;
        }
    }
    Optimum {
        x,
        value,
        evaluations,
        converged,
        hessian,
    }
}

/// Clamps to the box; a hair from its wall is on it (else rounding keeps a coordinate
/// creeping toward the wall step after step).
fn snap(x: f64) -> f64 {
    if x >= BOUND - 1e-9 {
        BOUND
    } else if x <= -BOUND + 1e-9 {
        -BOUND
    } else {
        x
    }
}

/// Hessian by central differences of the gradient, symmetrized; `None` if a gradient near
/// `x` is not finite.
fn fd_hessian(eval: &mut dyn FnMut(&[f64], &mut [f64]) -> f64, x: &[f64]) -> Option<Vec<f64>> {
    let n = x.len();
    let mut h = vec![0.0; n * n];
    let mut plus = vec![0.0; n];
    let mut minus = vec![0.0; n];
    let mut at = x.to_vec();
    for j in 0..n {
        at[j] = x[j] + HESSIAN_STEP;
        let up = eval(&at, &mut plus);
        at[j] = x[j] - HESSIAN_STEP;
        let down = eval(&at, &mut minus);
        at[j] = x[j];
        if !(up.is_finite() && down.is_finite()) {
            return None;
        }
        for i in 0..n {
            h[i * n + j] = (plus[i] - minus[i]) / (2.0 * HESSIAN_STEP);
        }
    }
    for i in 0..n {
        for j in 0..i {
            let m = 0.5 * (h[i * n + j] + h[j * n + i]);
            h[i * n + j] = m;
            h[j * n + i] = m;
        }
    }
    Some(h)
}

/// -|H|^-1 g on the free coordinates, |H| the Hessian with its eigenvalues in absolute value
/// and floored (a flat direction gets a long step, which the caller caps).
fn newton_direction(h: &[f64], g: &[f64], free: &[bool]) -> Vec<f64> {
    let n = g.len();
    let idx: Vec<usize> = (0..n).filter(|&i| free[i]).collect();
    let m = idx.len();
    let mut d = vec![0.0; n];
    if m == 0 {
        return d;
    }
    let sub: Vec<f64> = idx
        .iter()
        .flat_map(|&i| idx.iter().map(move |&j| h[i * n + j]))
        .collect();
    let (values, vectors) = symmetric_eigen(&sub, m);
    let largest = values.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let floor = (largest * 1e-12).max(1e-300);
    for k in 0..m {
        let proj: f64 = (0..m).map(|i| vectors[i * m + k] * g[idx[i]]).sum();
        let scale = proj / values[k].abs().max(floor);
        for i in 0..m {
            d[idx[i]] -= vectors[i * m + k] * scale;
        }
    }
    d
}

/// Eigenvalues and eigenvectors of a symmetric `n` x `n` matrix (row-major) by cyclic Jacobi
/// rotations; eigenvector `k` is the column `k` of the second result (row-major).
pub fn symmetric_eigen(a: &[f64], n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut a = a.to_vec();
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    for _ in 0..64 {
        let off: f64 = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .map(|(i, j)| a[i * n + j] * a[i * n + j])
            .sum();
        let diag: f64 = (0..n).map(|i| a[i * n + i] * a[i * n + i]).sum();
        if off.is_nan() || off <= 1e-32 * diag {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (kp, kq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * kp - s * kq;
                    a[k * n + q] = s * kp + c * kq;
                }
                for k in 0..n {
                    let (pk, qk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * pk - s * qk;
                    a[q * n + k] = s * pk + c * qk;
                }
                for k in 0..n {
                    let (kp, kq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * kp - s * kq;
                    v[k * n + q] = s * kp + c * kq;
                }
            }
        }
    }
    ((0..n).map(|i| a[i * n + i]).collect(), v)
}

/// Standard errors of the log-parameters from the Hessian of the mean negative
/// log-likelihood over `count` customers (the covariance is H^-1 / count); `None` unless the
/// Hessian is positive definite, i.e. the likelihood has a proper peak.
pub fn log_std_errors(hessian: &[f64], n: usize, count: f64) -> Option<Vec<f64>> {
    if hessian.len() != n * n || !hessian.iter().all(|v| v.is_finite()) || count <= 0.0 {
        return None;
    }
    let (values, vectors) = symmetric_eigen(hessian, n);
    let largest = values.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    if !values.iter().all(|&l| l > largest * 1e-14 && l > 0.0) {
        return None;
    }
    let se: Vec<f64> = (0..n)
        .map(|i| {
            let var: f64 = (0..n)
                .map(|k| vectors[i * n + k] * vectors[i * n + k] / values[k])
                .sum();
            (var / count).sqrt()
        })
        .collect();
    se.iter().all(|v| v.is_finite()).then_some(se)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eigen_decomposition_reconstructs_the_matrix() {
        let a = [
            4.0, 1.0, -2.0, 0.5, 1.0, 3.0, 0.3, 0.0, -2.0, 0.3, 5.0, 1.2, 0.5, 0.0, 1.2, 2.0,
        ];
        let (values, v) = symmetric_eigen(&a, 4);
        for i in 0..4 {
            for j in 0..4 {
                let back: f64 = (0..4)
                    .map(|k| v[i * 4 + k] * values[k] * v[j * 4 + k])
                    .sum();
                assert!((back - a[i * 4 + j]).abs() < 1e-12, "{i} {j}: {back}");
            }
        }
        // Trace is kept.
        assert!((values.iter().sum::<f64>() - 14.0).abs() < 1e-12);
    }

    #[test]
    fn newton_converges_to_the_exact_minimum() {
        // A smooth convex function with its minimum at (ln 2, -ln 3, 0.5).
        let target = [2f64.ln(), -(3f64.ln()), 0.5];
        let value = |x: &[f64]| -> f64 {
            x.iter()
                .zip(&target)
                .map(|(a, b)| (a - b).exp() - (a - b))
                .sum::<f64>()
                + 0.3 * (x[0] - target[0]) * (x[1] - target[1])
        };
        let mut f = |x: &[f64]| value(x);
        let mut fg = |x: &[f64], g: &mut [f64]| {
            for i in 0..3 {
                g[i] = (x[i] - target[i]).exp() - 1.0;
            }
            g[0] += 0.3 * (x[1] - target[1]);
            g[1] += 0.3 * (x[0] - target[0]);
            value(x)
        };
        let m = minimize(&mut f, &mut fg, &[3.0, 3.0, -3.0]);
        assert!(m.converged);
        for (a, b) in m.x.iter().zip(&target) {
            assert!((a - b).abs() < 1e-13, "{:?}", m.x);
        }
        let se = log_std_errors(m.hessian.as_ref().unwrap(), 3, 1.0).unwrap();
        assert!(se.iter().all(|v| v.is_finite() && *v > 0.0));
    }

    #[test]
    fn a_minimum_beyond_the_box_stops_at_the_box() {
        // Decreasing forever in x[0]: the optimizer stops at the bound, converged there.
        let value = |x: &[f64]| (-x[0]).exp() + (x[1] - 1.0).powi(2);
        let mut f = |x: &[f64]| value(x);
        let mut fg = |x: &[f64], g: &mut [f64]| {
            g[0] = -(-x[0]).exp();
            g[1] = 2.0 * (x[1] - 1.0);
            value(x)
        };
        let m = minimize(&mut f, &mut fg, &[0.0, 0.0]);
        assert_eq!(m.x[0], BOUND);
        assert!((m.x[1] - 1.0).abs() < 1e-12);
        assert!(m.converged);
    }

    #[test]
    fn nan_everywhere_gives_no_convergence() {
        let mut f = |_: &[f64]| f64::NAN;
        let mut fg = |_: &[f64], _: &mut [f64]| f64::NAN;
        let m = minimize(&mut f, &mut fg, &[0.0, 0.0]);
        assert!(!m.converged);
    }
}
