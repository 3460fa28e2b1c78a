import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip,
  type ChartDataset,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, ScatterController, Filler, Legend, Tooltip);
Chart.defaults.animation = false; // charts redraw on every live update; animating each would lag behind them
Chart.defaults.maintainAspectRatio = false;

export interface Bucket {
  key: string;
  count: number;
}

const accent = '#2f6fde';
const band = 'rgba(47, 111, 222, 0.15)';
const actual = '#d9480f';

/** A bar chart of an audience distribution. */
export function barChart(canvas: HTMLCanvasElement, buckets: Bucket[], label: string): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: buckets.map((b) => b.key), datasets: [{ label, data: buckets.map((b) => Number(b.count)), backgroundColor: accent }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  });
}

export interface Series {
  label: string;
  values: (number | null)[];
  /** On a second axis at the right (a figure much smaller than the others). */
  right?: boolean;
}

/** Lines over shared x labels; the chart is updated in place by setSeries. */
export function lineChart(canvas: HTMLCanvasElement, labels: string[], series: Series[]): Chart<'line'> {
  const colors = [accent, actual, '#2b8a3e', '#7048e8'];
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: series.map((s, i) => ({
        label: s.label, data: s.values, borderColor: colors[i % colors.length], pointRadius: 2, spanGaps: true, yAxisID: s.right ? 'right' : 'y',
      })),
    },
    options: {
      scales: {
        y: { beginAtZero: true },
        right: { beginAtZero: true, position: 'right', display: series.some((s) => s.right), grid: { drawOnChartArea: false } },
      },
    },
  });
}

export interface BandPoint {
  label: string;
  actual: number | null;
  expected: number;
  low: number;
  high: number;
}

/** The measured value against the forecast's expected value and its interval band. */
export function bandChart(canvas: HTMLCanvasElement, points: BandPoint[], what: string): Chart<'line', (number | null)[], string> {
  const datasets: ChartDataset<'line', (number | null)[]>[] = [
    { label: 'forecast 95% low', data: points.map((p) => p.low), borderColor: band, backgroundColor: band, pointRadius: 0, fill: false },
    { label: 'forecast 95% band', data: points.map((p) => p.high), borderColor: band, backgroundColor: band, pointRadius: 0, fill: '-1' },
    { label: 'forecast', data: points.map((p) => p.expected), borderColor: accent, borderDash: [6, 4], pointRadius: 0 },
    { label: `actual ${what}`, data: points.map((p) => p.actual), borderColor: actual, pointRadius: 3, spanGaps: true },
  ];
  return new Chart<'line', (number | null)[], string>(canvas, {
    type: 'line',
    data: { labels: points.map((p) => p.label), datasets },
    options: { plugins: { legend: { labels: { filter: (item) => item.text !== 'forecast 95% low' } } } },
  });
}

export interface CostMarginPoint {
  x: number;
  y: number;
  frontier: boolean;
  label: string;
}

/** Candidates by expected cost (x) and incremental margin (y); the Pareto frontier joined by a line. */
export function frontierChart(canvas: HTMLCanvasElement, points: CostMarginPoint[]): Chart<'scatter'> {
  const frontier = points.filter((p) => p.frontier).sort((a, b) => a.x - b.x);
  return new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'frontier', data: frontier, borderColor: actual, backgroundColor: actual, showLine: true, pointRadius: 4 },
        { label: 'other candidates', data: points.filter((p) => !p.frontier), backgroundColor: band, borderColor: accent, pointRadius: 3 },
      ],
    },
    options: {
      scales: { x: { title: { display: true, text: 'expected discount cost' } }, y: { title: { display: true, text: 'expected incremental margin' } } },
      plugins: { tooltip: { callbacks: { label: (item) => (item.raw as CostMarginPoint).label } } },
    },
  });
}

export interface XY {
  x: number;
  y: number;
}

/** Lines of (x, y) points on numeric axes, e.g. a Qini curve or a reliability diagram. */
export function xyChart(canvas: HTMLCanvasElement, lines: { label: string; points: XY[]; dashed?: boolean }[], x: string, y: string): Chart<'scatter'> {
  const colors = [accent, actual, '#868e96'];
  return new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: lines.map((line, i) => ({
        label: line.label, data: line.points, showLine: true, borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length],
        pointRadius: line.dashed ? 0 : 2, borderDash: line.dashed ? [6, 4] : [],
      })),
    },
    options: { scales: { x: { title: { display: true, text: x } }, y: { title: { display: true, text: y } } } },
  });
}

/** A canvas inside a sized box (Chart.js sizes itself to its parent). */
export function chartBox(testId: string): { box: HTMLDivElement; canvas: HTMLCanvasElement } {
  const canvas = document.createElement('canvas');
  canvas.dataset.testid = testId;
  const box = document.createElement('div');
  box.className = 'chart';
  box.appendChild(canvas);
  return { box, canvas };
}
