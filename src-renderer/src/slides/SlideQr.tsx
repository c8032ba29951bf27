import { toString as qrSvg } from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A QR code to the theme's visitor page, black on white with its quiet zone, large enough to
 * scan from a couple of metres. Drawn here, so it needs nothing from the network.
 */
export function SlideQr({ url }: { url: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    qrSvg(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
      .then((markup) => live && setSvg(markup))
      .catch(() => live && setSvg(null));
    return () => {
      live = false;
    };
  }, [url]);
  if (!svg) return null;
  return (
    <div className="slide-qr" data-qr-url={url}>
      {/* qrcode's own SVG markup for a URL we built: no user HTML reaches this. */}
      <div className="slide-qr-code" dangerouslySetInnerHTML={{ __html: svg }} />
      <div className="slide-qr-label">
        <span lang="zh-CN">扫码阅读</span>
        <span lang="en">Scan to read more</span>
      </div>
    </div>
  );
}
