// Reference values for tests/test-indicators.c, computed by independent npm
// implementations from the bundled candles.  Run by hand when the fixtures
// must change (never at build or test time):
//
//   cd tools/indicator-fixtures && npm install && node generate.mjs
//
// It writes tests/fixtures/indicators/*.json: for each series, the
// indicator's parameters, the library that computed it, and one value per
// candle of data/market/ETH-BTC-5m.csv (null while the indicator has too
// little history), so the tests check the warm-up length as well as the
// values.
//
// Which library, and which of its settings, match shared/spec/deal-semantics.md:
//
// - technicalindicators 3.1.0 is the main reference.
//   * SMA: mean of the last p closes (a running sum).
//   * EMA: seeded with the SMA of the first p closes, then
//     ema = (close - ema) * 2 / (p + 1) + ema.  As the spec says.
//   * MACD: its defaults are SimpleMAOscillator: true and SimpleMASignal: true
//     (SMAs!); the spec's MACD needs both set to false, which gives EMA(fast)
//     - EMA(slow) and an EMA signal seeded, through its EMA class, with the
//     SMA of the first `signal` line values.
//   * Bollinger: population standard deviation (two-pass over each window),
//     pb = (close - lower) / (upper - lower); we write pb x 100 (%B).  When
//     upper = lower it gives NaN where the spec says 50: such windows are
//     written as 50 and counted in the output (there are none in this data).
//   * Stochastic: %K = (close - lowest low) / (highest high - lowest low) x 100,
//     %D = SMA(signalPeriod = 3) of %K.  On a flat window it writes 0 where the
//     spec says 50: such %K values are replaced by 50 and %D recomputed from
//     the corrected %K with the library's own SMA (counted in the output).
//   * RSI: Wilder's averages as the spec defines them, but rounded to 2
//     decimals (toFixed(2)) before it returns them: written as the series
//     "rsi-rounded", which the tests compare at that rounding.
//   * ROC: (close - close[p ago]) / close[p ago] x 100, the spec's price_change.
// - trading-signals 8.3.0 gives the unrounded RSI: its RSI smooths with WSMA,
//   whose first value is the SMA of the first p changes and which then adds
//   (x - prev) x (1 / p): the spec's (prev x (p - 1) + x) / p to within an
//   ulp.  Written as "rsi".
//   Its EMA is seeded with the first price, not an SMA, so it is not used for
//   EMA or MACD.  Its SMA and Bollinger bands serve as a cross-check below.
//
// Before writing, the script checks the two libraries against each other where
// both follow the spec (SMA, Bollinger middle/upper/lower, RSI within the
// rounding) and stops if they disagree.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import ti from 'technicalindicators';
import * as ts from 'trading-signals';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const source = 'data/market/ETH-BTC-5m.csv';
const outDir = join(root, 'tests', 'fixtures', 'indicators');

// read from node_modules directly: trading-signals' "exports" hides its package.json
const versionOf = (name) =>
  JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
const versions = {
  technicalindicators: versionOf('technicalindicators'),
  'trading-signals': versionOf('trading-signals'),
};

// --- candles ---------------------------------------------------------------

const lines = readFileSync(join(root, source), 'utf8').trim().split('\n');
if (lines[0].trim() !== 'time,open,high,low,close,volume')
  throw new Error(`${source}: unexpected header ${lines[0]}`);
const candles = lines.slice(1).map((line) => {
  const [time, open, high, low, close, volume] = line.split(',').map(Number);
  return { time, open, high, low, close, volume };
});
const n = candles.length;
const closes = candles.map((c) => c.close);
const highs = candles.map((c) => c.high);
const lows = candles.map((c) => c.low);

// technicalindicators returns only the ready values; they belong to the last
// result.length candles.
function alignEnd(values) {
  const out = new Array(n).fill(null);
  const offset = n - values.length;
  values.forEach((v, i) => {
    out[offset + i] = v === undefined || v === null || Number.isNaN(v) ? null : v;
  });
  return out;
}

function streamed(make, feed) {
  const ind = make();
  return candles.map((c) => {
    feed(ind, c);
    return ind.isStable ? ind.getResult() : null;
  });
}

function check(name, a, b, tolerance) {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    if ((a[i] === null) !== (b[i] === null))
      throw new Error(`${name}: readiness differs at candle ${i}: ${a[i]} vs ${b[i]}`);
    if (a[i] === null)
      continue;
    const d = tolerance(a[i], b[i]);
    worst = Math.max(worst, d);
    if (d > 1)
      throw new Error(`${name}: the libraries disagree at candle ${i}: ${a[i]} vs ${b[i]}`);
  }
  console.log(`cross-check ${name}: worst ${worst.toExponential(2)} of the allowed difference`);
}

const relative = (limit) => (x, y) =>
  Math.abs(x - y) / (limit * Math.max(Math.abs(x), Math.abs(y), Number.MIN_VALUE));

// --- series ----------------------------------------------------------------

const notes = [];
const files = {};

function add(file, entry) {
  (files[file] ??= []).push(entry);
}

// SMA and EMA
for (const period of [20, 50]) {
  const sma = alignEnd(ti.SMA.calculate({ period, values: closes }));
  const tsSma = streamed(() => new ts.SMA(period), (ind, c) => ind.update(c.close));
  check(`sma(${period})`, sma, tsSma, relative(1e-12));
  add('moving-averages', { indicator: 'sma', period, output: 'value', library: 'technicalindicators', values: sma });
}
for (const period of [9, 20, 50]) {
  const ema = alignEnd(ti.EMA.calculate({ period, values: closes }));
  add('moving-averages', { indicator: 'ema', period, output: 'value', library: 'technicalindicators', values: ema });
}

// RSI
for (const period of [14, 7]) {
  const rounded = alignEnd(ti.RSI.calculate({ period, values: closes }));
  const exact = streamed(() => new ts.RSI(period), (ind, c) => ind.update(c.close));
  // rounding to 2 decimals moves a value by at most 0.005
  check(`rsi(${period})`, exact, rounded, (x, y) => Math.abs(x - y) / (0.005 + 1e-9));
  add('rsi', { indicator: 'rsi', period, output: 'value', library: 'trading-signals', values: exact });
  add('rsi', { indicator: 'rsi', period, output: 'value', library: 'technicalindicators',
               rounding: 2, values: rounded });
}

// MACD
for (const [fast, slow, signal] of [[12, 26, 9], [8, 21, 5]]) {
  const r = ti.MACD.calculate({
    values: closes, fastPeriod: fast, slowPeriod: slow, signalPeriod: signal,
    SimpleMAOscillator: false, SimpleMASignal: false,
  });
  const params = { fast_period: fast, slow_period: slow, signal_period: signal };
  for (const output of ['MACD', 'signal', 'histogram']) {
    add('macd', {
      indicator: 'macd', ...params, output: output === 'MACD' ? 'line' : output,
      library: 'technicalindicators', values: alignEnd(r.map((x) => x[output])),
    });
  }
}

// Bollinger %B
for (const [period, stdDev] of [[20, 2], [10, 1.5]]) {
  const r = ti.BollingerBands.calculate({ period, stdDev, values: closes });
  let flat = 0;
  const pb = alignEnd(r.map((x) => {
    if (x.upper === x.lower) {
      flat++;
      return 50;
    }
    return x.pb * 100;
  }));
  for (const band of ['middle', 'upper', 'lower']) {
    const mine = alignEnd(r.map((x) => x[band]));
    const theirs = streamed(() => new ts.BollingerBands(period, stdDev), (ind, c) => ind.update(c.close))
      .map((x) => (x === null ? null : x[band]));
    check(`bollinger(${period}, ${stdDev}).${band}`, mine, theirs, relative(1e-12));
  }
  if (flat)
    notes.push(`bollinger(${period}, ${stdDev}): ${flat} flat windows written as 50`);
  add('bollinger', { indicator: 'bb_percent', period, std_dev: stdDev, output: 'percent_b',
                     library: 'technicalindicators', values: pb });
}

// Stochastic %K and %D
for (const period of [14, 5]) {
  const r = ti.Stochastic.calculate({ high: highs, low: lows, close: closes, period, signalPeriod: 3 });
  const offset = n - r.length;
  let k = r.map((x) => x.k);
  let d = r.map((x) => x.d);
  let flat = 0;
  k = k.map((v, i) => {
    const at = offset + i;
    const hh = Math.max(...highs.slice(at - period + 1, at + 1));
    const ll = Math.min(...lows.slice(at - period + 1, at + 1));
    if (hh === ll) {
      flat++;
      return 50;
    }
    return v;
  });
  if (flat) {
    notes.push(`stochastic(${period}): ${flat} flat windows written as %K 50, %D recomputed`);
    d = k.map(() => undefined);
    const sma = new ti.SMA({ period: 3, values: [], format: (v) => v });
    k.forEach((v, i) => { d[i] = sma.nextValue(v); });
  }
  add('stochastic', { indicator: 'stochastic', period, output: 'k', library: 'technicalindicators',
                      values: alignEnd(k) });
  add('stochastic', { indicator: 'stochastic', period, output: 'd', library: 'technicalindicators',
                      values: alignEnd(d) });
}

// Price change
for (const period of [1, 12]) {
  add('price-change', { indicator: 'price_change', period, output: 'value', library: 'technicalindicators',
                        values: alignEnd(ti.ROC.calculate({ period, values: closes })) });
}

// --- output ----------------------------------------------------------------

mkdirSync(outDir, { recursive: true });
for (const [name, series] of Object.entries(files)) {
  const doc = {
    source,
    candles: n,
    generator: 'tools/indicator-fixtures/generate.mjs',
    libraries: versions,
    notes,
    series,
  };
  // one series per line keeps diffs readable
  const body = series.map((s) => '    ' + JSON.stringify(s)).join(',\n');
  const head = JSON.stringify({ ...doc, series: undefined }, null, 2).replace(/\n}$/, '');
  writeFileSync(join(outDir, `${name}.json`), `${head},\n  "series": [\n${body}\n  ]\n}\n`);
  console.log(`wrote tests/fixtures/indicators/${name}.json (${series.length} series)`);
}
if (notes.length)
  console.log(notes.join('\n'));
