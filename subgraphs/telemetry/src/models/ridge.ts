/**
 * Ridge regression (least squares with an L2 penalty) on standardized features, solved from the normal
 * equations by Cholesky decomposition: the sizes here (tens of features, tens of thousands of rows) need
 * nothing heavier.
 */
export interface LinearModel {
  readonly means: readonly number[];
  readonly scales: readonly number[];
  readonly weights: readonly number[];
  readonly intercept: number;
}

export function predictLinear(model: LinearModel, features: readonly number[]): number {
  let sum = model.intercept;
  for (let j = 0; j < model.weights.length; j += 1) {
    sum += (model.weights[j]! * (features[j]! - model.means[j]!)) / model.scales[j]!;
  }
  return sum;
}

/** Solves A x = b for a symmetric positive-definite A (modified in place). */
function choleskySolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k += 1) sum -= a[i]![k]! * a[j]![k]!;
      if (i === j) {
        if (sum <= 0) throw new Error('matrix is not positive definite');
        a[i]![i] = Math.sqrt(sum);
      } else a[i]![j] = sum / a[j]![j]!;
    }
  }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i += 1) {
    let sum = b[i]!;
    for (let k = 0; k < i; k += 1) sum -= a[i]![k]! * y[k]!;
    y[i] = sum / a[i]![i]!;
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k += 1) sum -= a[k]![i]! * x[k]!;
    x[i] = sum / a[i]![i]!;
  }
  return x;
}

export function fitRidge(
  rows: readonly (readonly number[])[],
  targets: readonly number[],
  lambda: number,
): LinearModel {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const means = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const scales = means.map((mean, j) => {
    const variance = rows.reduce((s, r) => s + (r[j]! - mean) ** 2, 0) / n;
    return variance > 0 ? Math.sqrt(variance) : 1;
  });
  const intercept = targets.reduce((s, t) => s + t, 0) / n;
  const gram = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const rhs = new Array<number>(d).fill(0);
  const z = new Array<number>(d);
  rows.forEach((row, i) => {
    for (let j = 0; j < d; j += 1) z[j] = (row[j]! - means[j]!) / scales[j]!;
    const t = targets[i]! - intercept;
    for (let j = 0; j < d; j += 1) {
      rhs[j]! += z[j]! * t;
      for (let k = 0; k <= j; k += 1) gram[j]![k]! += z[j]! * z[k]!;
    }
  });
  for (let j = 0; j < d; j += 1) {
    for (let k = 0; k < j; k += 1) gram[k]![j] = gram[j]![k]!;
    gram[j]![j]! += lambda;
  }
  return { means, scales, weights: choleskySolve(gram, rhs), intercept };
}
