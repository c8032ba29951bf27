import { useEffect, useRef } from 'react';
import type { ScreenOverride } from '../../src-shared/hall-override';

/** Plays with sound where the page may; where autoplay with sound is refused, plays muted. */
function EmergencyVideo({ url }: { url: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.muted = false;
    video.play().catch(() => {
      video.muted = true;
      void video.play().catch(() => undefined);
    });
  }, [url]);
  return <video ref={ref} className="emergency-media" src={url} loop playsInline />;
}

/**
 * What every screen shows over any theme: black for a blackout (the theme underneath is not
 * rendered, so nothing plays and nothing is heard), or the emergency message in large type.
 */
export function OverrideView({ override }: { override: ScreenOverride }) {
  if (override.kind === 'blackout') return <div className="override blackout" />;
  const { message, media } = override;
  return (
    <div className={`override emergency ${media ? 'with-media' : ''}`} role="alert">
      {media &&
        (media.type === 'image' ? (
          <img className="emergency-media" src={media.url} alt="" />
        ) : (
          <EmergencyVideo url={media.url} />
        ))}
      <div className="emergency-text">
        {message.zh && (
          <div className="emergency-zh" lang="zh-CN">
            {message.zh}
          </div>
        )}
        {message.en && (
          <div className="emergency-en" lang="en">
            {message.en}
          </div>
        )}
      </div>
    </div>
  );
}

/** The screen's own name, large, for a few seconds: "which one is the left screen?" */
export function IdentifyOverlay({ label }: { label: string }) {
  return (
    <div className="identify" data-testid="identify">
      <div className="identify-label">{label}</div>
    </div>
  );
}
