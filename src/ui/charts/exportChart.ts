/**
 * Export of a chart as a standalone SVG or PNG file. A chart is layers of canvases (dense
 * pixels: heatmaps, points) and SVGs (axes, curves, labels) styled by the page's CSS; the export
 * rebuilds it as one SVG document: canvases become embedded PNG images, SVGs are cloned with their
 * computed styles written inline (so the file looks the same without the page's stylesheet, in
 * either theme), and a header carries the chart's title and legend. The PNG is that SVG drawn on a
 * canvas at twice the size.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The presentation properties that matter in our charts, copied from the computed style. */
const INLINED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linejoin',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-variant-numeric',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

export interface ExportLegendItem {
  label: string;
  colour: string;
}

export interface ExportedChart {
  svg: string;
  width: number;
  height: number;
}

const HEADER_HEIGHT = 30;

function element<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/** Writes each element's computed presentation style inline on its clone (trees walked in step). */
function inlineStyles(original: Element, clone: Element): void {
  const style = getComputedStyle(original);
  const declarations = INLINED_PROPERTIES.map((p) => `${p}:${style.getPropertyValue(p)}`)
    .filter((d) => !d.endsWith(':'))
    .join(';');
  // Through CSSOM: the Content-Security-Policy refuses style attributes set as markup.
  if (clone instanceof SVGElement || clone instanceof HTMLElement)
    clone.style.cssText = declarations;
  clone.removeAttribute('class');
  const originals = Array.from(original.children);
  const clones = Array.from(clone.children);
  originals.forEach((child, i) => {
    const twin = clones[i];
    if (twin !== undefined) inlineStyles(child, twin);
  });
}

/**
 * The chart drawn in `body` (its canvases, SVGs, HTML labels marked `data-export-text` and HTML
 * boxes marked `data-export-box`, at their on-screen positions) as an SVG document with a title and legend above it.
 */
export function chartToSvg(
  body: HTMLElement,
  title: string,
  legend: readonly ExportLegendItem[],
): ExportedChart {
  const frame = body.getBoundingClientRect();
  const width = Math.max(1, Math.round(frame.width));
  const height = Math.max(1, Math.round(frame.height)) + HEADER_HEIGHT;
  const cardStyle = getComputedStyle(body.closest('.chart-card') ?? body);
  const root = element('svg', {
    xmlns: SVG_NS,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
  });
  root.append(element('rect', { width, height, fill: cardStyle.backgroundColor || '#ffffff' }));

  const heading = element('text', {
    x: 8,
    y: 20,
    'font-family': cardStyle.fontFamily,
    'font-size': 14,
    'font-weight': 600,
    fill: cardStyle.color,
  });
  heading.textContent = title;
  root.append(heading);
  // The legend follows the title; text widths are estimated (no layout engine in a file).
  let cursor = 18 + title.length * 8.6;
  for (const item of legend) {
    root.append(element('circle', { cx: cursor + 5, cy: 15, r: 5, fill: item.colour }));
    const label = element('text', {
      x: cursor + 14,
      y: 19,
      'font-family': cardStyle.fontFamily,
      'font-size': 12,
      fill: cardStyle.color,
    });
    label.textContent = item.label;
    root.append(label);
    cursor += 26 + item.label.length * 6.5;
  }

  const layers = body.querySelectorAll<HTMLElement | SVGSVGElement>(
    'canvas, svg, [data-export-text], [data-export-box]',
  );
  for (const layer of layers) {
    // Inside an SVG that is copied whole.
    if (layer.parentElement?.closest('svg')) continue;
    const box = layer.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const x = box.left - frame.left;
    const y = box.top - frame.top + HEADER_HEIGHT;
    if (layer instanceof HTMLCanvasElement) {
      const image = element('image', {
        x,
        y,
        width: box.width,
        height: box.height,
        preserveAspectRatio: 'none',
        href: layer.toDataURL('image/png'),
      });
      if (getComputedStyle(layer).imageRendering === 'pixelated') {
        image.style.imageRendering = 'pixelated';
      }
      root.append(image);
    } else if (layer instanceof SVGSVGElement) {
      const clone = layer.cloneNode(true) as SVGSVGElement;
      inlineStyles(layer, clone);
      clone.setAttribute('x', String(x));
      clone.setAttribute('y', String(y));
      for (const transient of clone.querySelectorAll('[data-export="skip"]')) transient.remove();
      root.append(clone);
    } else if (layer.hasAttribute('data-export-box')) {
      const style = getComputedStyle(layer);
      root.append(
        element('rect', {
          x,
          y,
          width: box.width,
          height: box.height,
          fill: style.backgroundColor,
          opacity: style.opacity,
        }),
      );
    } else {
      const style = getComputedStyle(layer);
      const text = element('text', {
        x,
        y: y + Number.parseFloat(style.fontSize),
        'font-family': style.fontFamily,
        'font-size': style.fontSize,
        fill: style.color,
      });
      text.textContent = layer.textContent ?? '';
      root.append(text);
    }
  }
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** The SVG rasterised at `scale`× its size, as a PNG blob. */
export async function svgToPng(chart: ExportedChart, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([chart.svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(chart.width * scale);
    canvas.height = Math.round(chart.height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('This browser cannot draw on a canvas.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be encoded.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob as a file through a temporary link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // Revoke after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
