/**
 * Logistic regression for the scoring policy: P(strong) = σ(bias + Σ wᵢ·xᵢ), fitted on labelled answers by
 * projected gradient descent (each weight kept inside its bounds, so a flag can only cost points and a
 * rating only earn them) with an L2 penalty. Deterministic: same data, same weights.
 */
export interface FitOptions {
  /** L2 penalty on the weights (not the bias), per example. */
  l2: number;
  iterations: number;
  learningRate: number;
  lower: number[];
  upper: number[];
  /** Per-example weights (e.g. to balance labels); 1 each by default. */
  sampleWeights?: number[];
  /** The weights the L2 penalty pulls toward (an expert prior); zero by default. */
  prior?: number[];
}

export interface LogisticModel {
  bias: number;
  weights: number[];
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Fits weights to targets in [0, 1] (soft labels allowed: mixed = 0.5). */
export function fitLogistic(x: number[][], y: number[], options: FitOptions): LogisticModel {
  const n = x.length;
  const d = options.lower.length;
  const sw = options.sampleWeights ?? new Array<number>(n).fill(1);
  const total = sw.reduce((a, b) => a + b, 0) || 1;
  const clamp = (v: number, j: number) => Math.min(options.upper[j]!, Math.max(options.lower[j]!, v));
  let w = new Array<number>(d).fill(0).map((_, j) => clamp(0, j));
  let b = 0;
  // Nesterov momentum on top of projected gradient steps.
  let vw = w.slice();
  let vb = b;
  let t = 1;
  const gradW = new Array<number>(d);
  for (let it = 0; it < options.iterations; it++) {
    gradW.fill(0);
    let gradB = 0;
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      let z = vb;
      for (let j = 0; j < d; j++) z += vw[j]! * row[j]!;
      const err = (sigmoid(z) - y[i]!) * sw[i]!;
      gradB += err;
      for (let j = 0; j < d; j++) gradW[j]! += err * row[j]!;
    }
    const nextW = vw.map((v, j) =>
      clamp(v - options.learningRate * (gradW[j]! / total + options.l2 * (v - (options.prior?.[j] ?? 0))), j),
    );
    const nextB = vb - options.learningRate * (gradB / total);
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const momentum = (t - 1) / tNext;
    vw = nextW.map((v, j) => clamp(v + momentum * (v - w[j]!), j));
    vb = nextB + momentum * (nextB - b);
    w = nextW;
    b = nextB;
    t = tNext;
  }
  return { bias: b, weights: w };
}

/** σ(bias + w·x) */
export function predict(model: LogisticModel, row: number[]): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * row[j]!;
  return sigmoid(z);
}

/**
 * Multinomial logistic regression (softmax) by gradient descent with an L2 penalty: one weight vector and
 * bias per class. Deterministic.
 */
export function fitSoftmax(
  x: number[][],
  y: number[],
  classes: number,
  options: { l2: number; iterations: number; learningRate: number },
): { bias: number[]; weights: number[][] } {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const w = Array.from({ length: classes }, () => new Array<number>(d).fill(0));
  const b = new Array<number>(classes).fill(0);
  const p = new Array<number>(classes);
  for (let it = 0; it < options.iterations; it++) {
    const gw = Array.from({ length: classes }, () => new Array<number>(d).fill(0));
    const gb = new Array<number>(classes).fill(0);
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) {
        let z = b[c]!;
        for (let j = 0; j < d; j++) z += w[c]![j]! * row[j]!;
        p[c] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        p[c] = Math.exp(p[c]! - max);
        sum += p[c]!;
      }
      for (let c = 0; c < classes; c++) {
        const err = p[c]! / sum - (y[i] === c ? 1 : 0);
        gb[c]! += err;
        for (let j = 0; j < d; j++) gw[c]![j]! += err * row[j]!;
      }
    }
    for (let c = 0; c < classes; c++) {
      b[c]! -= (options.learningRate * gb[c]!) / n;
      for (let j = 0; j < d; j++)
        w[c]![j]! -= options.learningRate * (gw[c]![j]! / n + options.l2 * w[c]![j]!);
    }
  }
  return { bias: b, weights: w };
}
