import QRCode from 'qrcode';

/** Level M recovers from about 15% damage: enough for a printed board, still a small code. */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** A QR code of `url` as SVG: scales to any print size without blur. */
export const qrSvg = (url: string): Promise<string> =>
  QRCode.toString(url, { ...OPTIONS, type: 'svg', color: { dark: '#000000', light: '#ffffff' } });

/** Print resolution by default: 2048 px covers an A4 board at over 170 dpi. */
export const DEFAULT_QR_PNG_SIZE = 2048;

/** A QR code of `url` as a PNG `size` pixels square, black on white. */
export const qrPng = (url: string, size = DEFAULT_QR_PNG_SIZE): Promise<Buffer> =>
  QRCode.toBuffer(url, { ...OPTIONS, type: 'png', width: size });
