/**
 * A chart's SVG as a PNG file. Mantine charts colour series with CSS variables, which an SVG drawn
 * on a canvas cannot resolve, so the computed paint of every element is inlined into a clone first.
 */
const PAINT = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
] as const;

function inlinePaint(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const live = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  live.forEach((element, i) => {
    const style = getComputedStyle(element);
    const css = PAINT.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
    copies[i].setAttribute('style', css);
  });
  return clone;
}

export async function chartToPng(container: HTMLElement, title: string): Promise<Blob> {
  const svg = container.querySelector('svg.recharts-surface') as SVGSVGElement | null;
  if (!svg) throw new Error('This chart has nothing to export yet.');
  const { width, height } = svg.getBoundingClientRect();
  const clone = inlinePaint(svg);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const source = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  const scale = 2;
  const header = 32;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil((height + header) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('The browser could not draw the chart.');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height + header);
  ctx.fillStyle = '#212529';
  ctx.font = '600 14px system-ui, sans-serif';
  ctx.fillText(title, 8, 20);
  ctx.drawImage(image, 0, header, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png'),
  );
}
