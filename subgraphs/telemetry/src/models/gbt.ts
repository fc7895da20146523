/**
 * Gradient-boosted regression trees (Friedman 2001) with squared loss, grown on histograms of binned
 * features as LightGBM and XGBoost's `hist` method do: each feature is cut into at most `MAX_BINS` quantile
 * bins once, so finding a node's best split costs one pass over its rows per feature.
 *
 * Written here rather than taken from npm: the JavaScript candidates were an XGBoost build for WebAssembly
 * last released in 2018 (asynchronous loading, memory freed by hand, a binary model blob), a CART whose split
 * search is quadratic in the rows (minutes per tree at FD001's size) and an ID3 for categorical features; the
 * native bindings download or compile binaries at install. The whole method fits in this file, is seeded
 * (the same data and seed give the same trees, bit for bit) and its trees are plain JSON.
 */
import type { Random } from '../generate/random';

const MAX_BINS = 64;

export interface BoostingOptions {
  readonly trees: number;
  readonly depth: number;
  readonly learningRate: number;
  /** Fewest training rows in a leaf. */
  readonly minLeafRows: number;
  /** Share of the rows each tree is grown on, drawn afresh per tree (stochastic gradient boosting). */
  readonly rowSample: number;
}

/** One tree as parallel arrays; node 0 is the root, `feature` −1 marks a leaf holding `value`. */
interface RegressionTree {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly value: readonly number[];
}

export interface BoostedTrees {
  readonly base: number;
  readonly learningRate: number;
  readonly trees: readonly RegressionTree[];
}

function predictTree(tree: RegressionTree, features: readonly number[]): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    node = features[tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}

export function predictBoosted(model: BoostedTrees, features: readonly number[]): number {
  let sum = model.base;
  for (const tree of model.trees) sum += model.learningRate * predictTree(tree, features);
  return sum;
}

/** Upper edges of a feature's bins: quantiles of its values, without repeats; the last bin is open. */
function binEdges(values: Float64Array): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let b = 1; b < MAX_BINS; b += 1) {
    const edge = sorted[Math.floor((b * sorted.length) / MAX_BINS)]!;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  // A value equal to the largest edge falls in that edge's bin; an edge at the maximum would leave the last
  // bin empty.
  if (edges.length > 0 && edges[edges.length - 1]! >= sorted[sorted.length - 1]!) edges.pop();
  return edges;
}

/** Index of the first edge not below `value` (the bin of `value`), or `edges.length` for the open bin. */
function binOf(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Split {
  readonly feature: number;
  readonly bin: number;
  readonly gain: number;
}

class TreeGrower {
  private readonly sums = new Float64Array(MAX_BINS);
  private readonly counts = new Int32Array(MAX_BINS);

  constructor(
    private readonly bins: readonly Uint8Array[],
    private readonly edges: readonly (readonly number[])[],
    private readonly options: BoostingOptions,
  ) {}

  private bestSplit(rows: Int32Array, residuals: Float64Array): Split | null {
    const { minLeafRows } = this.options;
    let total = 0;
    for (const row of rows) total += residuals[row]!;
    const n = rows.length;
    const parentScore = (total * total) / n;
    let best: Split | null = null;
    this.bins.forEach((featureBins, feature) => {
      const binCount = this.edges[feature]!.length + 1;
      if (binCount < 2) return;
      this.sums.fill(0, 0, binCount);
      this.counts.fill(0, 0, binCount);
      for (const row of rows) {
        const bin = featureBins[row]!;
        this.sums[bin]! += residuals[row]!;
        this.counts[bin]! += 1;
      }
      let leftSum = 0;
      let leftCount = 0;
      for (let bin = 0; bin < binCount - 1; bin += 1) {
        leftSum += this.sums[bin]!;
        leftCount += this.counts[bin]!;
        const rightCount = n - leftCount;
        if (leftCount < minLeafRows) continue;
        if (rightCount < minLeafRows) break;
        const rightSum = total - leftSum;
        const gain = (leftSum * leftSum) / leftCount + (rightSum * rightSum) / rightCount - parentScore;
        if (gain > 0 && (!best || gain > best.gain)) best = { feature, bin, gain };
      }
    });
    return best;
  }

  grow(rows: Int32Array, residuals: Float64Array): RegressionTree {
    const tree = {
      feature: [] as number[],
      threshold: [] as number[],
      left: [] as number[],
      right: [] as number[],
      value: [] as number[],
    };
    const addNode = (nodeRows: Int32Array, depth: number): number => {
      const node = tree.feature.length;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      let sum = 0;
      for (const row of nodeRows) sum += residuals[row]!;
      tree.value.push(sum / nodeRows.length);
      const split = depth < this.options.depth ? this.bestSplit(nodeRows, residuals) : null;
      if (!split) return node;
      const featureBins = this.bins[split.feature]!;
      const leftRows = nodeRows.filter((row) => featureBins[row]! <= split.bin);
      const rightRows = nodeRows.filter((row) => featureBins[row]! > split.bin);
      tree.feature[node] = split.feature;
      tree.threshold[node] = this.edges[split.feature]![split.bin]!;
      tree.left[node] = addNode(leftRows, depth + 1);
      tree.right[node] = addNode(rightRows, depth + 1);
      return node;
    };
    addNode(rows, 0);
    return tree;
  }
}

/** Fits `options.trees` trees to `targets`, each to the residuals of the ones before it. */
export function fitBoosted(
  rows: readonly (readonly number[])[],
  targets: readonly number[],
  options: BoostingOptions,
  random: Random,
): BoostedTrees {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const edges: number[][] = [];
  const bins: Uint8Array[] = [];
  for (let j = 0; j < d; j += 1) {
    const column = Float64Array.from(rows, (row) => row[j]!);
    const featureEdges = binEdges(column);
    edges.push(featureEdges);
    bins.push(Uint8Array.from(column, (value) => binOf(featureEdges, value)));
  }
  const grower = new TreeGrower(bins, edges, options);
  const base = targets.reduce((s, t) => s + t, 0) / n;
  const predictions = new Float64Array(n).fill(base);
  const residuals = new Float64Array(n);
  const sampleSize = Math.max(1, Math.round(n * options.rowSample));
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const trees: RegressionTree[] = [];
  for (let t = 0; t < options.trees; t += 1) {
    for (let i = 0; i < n; i += 1) residuals[i] = targets[i]! - predictions[i]!;
    // A partial Fisher–Yates shuffle draws the tree's rows without replacement.
    for (let i = 0; i < sampleSize; i += 1) {
      const j = i + Math.floor(random.next() * (n - i));
      const swap = all[i]!;
      all[i] = all[j]!;
      all[j] = swap;
    }
    const sample = all.slice(0, sampleSize).sort();
    const tree = grower.grow(sample, residuals);
    trees.push(tree);
    for (let i = 0; i < n; i += 1) predictions[i]! += options.learningRate * predictTree(tree, rows[i]!);
  }
  return { base, learningRate: options.learningRate, trees };
}
