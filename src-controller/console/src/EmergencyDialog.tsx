import { useEffect, useRef, useState } from 'react';
import type { EmergencyRequest } from '../../../src-shared/hall-override';
import type { PackSummary } from '../../../src-shared/protocol';
import type { Outcome } from './hall-actions';
import { useHallI18n } from './hall-i18n';

/** Messages an operator should not have to type under stress, in both languages. */
const PRESETS = [
  {
    id: 'evacuate',
    zh: '请保持冷静，按照工作人员指引从最近的出口有序离开。',
    en: 'Please stay calm and leave by the nearest exit, following the staff.',
  },
  {
    id: 'pause',
    zh: '演示暂停，请稍候。',
    en: 'The presentation is paused. Please wait a moment.',
  },
  {
    id: 'closing',
    zh: '展厅即将关闭，感谢您的参观。',
    en: 'The hall is closing soon. Thank you for your visit.',
  },
] as const;

const PRESET_LABELS = {
  evacuate: 'preset.evacuate.label',
  pause: 'preset.pause.label',
  closing: 'preset.closing.label',
} as const;

/**
 * Writes an emergency message (Chinese, English or both) with an optional image or video from
 * a stored pack, and raises it on every screen. Esc cancels; Ctrl+Enter shows it.
 */
export function EmergencyDialog(props: {
  packs: PackSummary[];
  listMedia: (
    packVersionId: number,
  ) => Promise<Outcome<{ path: string; type: 'image' | 'video' }[]>>;
  onShow: (request: EmergencyRequest) => Promise<string | null>;
  onClose: () => void;
}) {
  const { t } = useHallI18n();
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [packVersionId, setPackVersionId] = useState<number | null>(null);
  const [files, setFiles] = useState<{ path: string; type: 'image' | 'video' }[] | null>(null);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLTextAreaElement>(null);

  // The parent passes a new props object (and listMedia) at every render, and it renders at every
  // update from the controller: keyed on them, the effect below emptied the operator's choice of
  // file whenever a screen reported, sometimes between the choice and Ctrl+Enter.
  const listMedia = useRef(props.listMedia);
  listMedia.current = props.listMedia;

  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    setFiles(null);
    setPath('');
    if (packVersionId === null) return;
    let live = true;
    void listMedia.current(packVersionId).then((result) => {
      if (!live) return;
      if (result.ok) setFiles(result.data);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [packVersionId]);

  async function show() {
    if (!zh.trim() && !en.trim()) {
      setError(t('emergency.needText'));
      return;
    }
    setBusy(true);
    const failure = await props.onShow({
      message: { zh: zh.trim(), en: en.trim() },
      ...(packVersionId !== null && path ? { media: { packVersionId, path } } : {}),
    });
    setBusy(false);
    if (failure) setError(failure);
    else props.onClose();
  }

  return (
    <div className="dialog-backdrop" onClick={props.onClose}>
      <div
        className="dialog emergency-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="emergency-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void show();
          }
        }}
      >
        <h2 id="emergency-title">⚠ {t('emergency.title')}</h2>
        <div className="presets" role="group" aria-label={t('emergency.presets')}>
          {PRESETS.map((preset) => (
            <button
              key={preset.id}
              type="button"
              className="chip"
              onClick={() => {
                setZh(preset.zh);
                setEn(preset.en);
                setError(null);
              }}
            >
              {t(PRESET_LABELS[preset.id])}
            </button>
          ))}
        </div>
        <label className="field">
          <span>{t('emergency.zh')}</span>
          <textarea
            ref={first}
            lang="zh-CN"
            rows={2}
            maxLength={400}
            value={zh}
            onChange={(e) => {
              setZh(e.target.value);
              setError(null);
            }}
          />
        </label>
        <label className="field">
          <span>{t('emergency.en')}</span>
          <textarea
            lang="en"
            rows={2}
            maxLength={400}
            value={en}
            onChange={(e) => {
              setEn(e.target.value);
              setError(null);
            }}
          />
        </label>
        <fieldset className="field media-pick">
          <legend>{t('emergency.media')}</legend>
          <select
            aria-label={t('emergency.pack')}
            value={packVersionId ?? ''}
            onChange={(e) => setPackVersionId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{t('emergency.noMedia')}</option>
            {props.packs.map((pack) => (
              <option key={pack.packVersionId} value={pack.packVersionId}>
                {pack.title.zh} · {pack.title.en} (v{pack.version})
              </option>
            ))}
          </select>
          {packVersionId !== null && (
            <select
              aria-label={t('emergency.file')}
              value={path}
              onChange={(e) => setPath(e.target.value)}
              disabled={!files || files.length === 0}
            >
              <option value="">
                {files && files.length === 0 ? t('emergency.noFiles') : t('emergency.pickFile')}
              </option>
              {files?.map((file) => (
                <option key={file.path} value={file.path}>
                  {file.type === 'video' ? '▶ ' : ''}
                  {file.path}
                </option>
              ))}
            </select>
          )}
        </fieldset>
        <div className="emergency-preview" aria-label={t('emergency.preview')}>
          <div className="preview-zh" lang="zh-CN">
            {zh || ' '}
          </div>
          <div className="preview-en" lang="en">
            {en || ' '}
          </div>
        </div>
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="big-button" onClick={props.onClose}>
            {t('emergency.cancel')} <kbd>Esc</kbd>
          </button>
          <button
            type="button"
            className="big-button emergency"
            data-testid="show-emergency"
            disabled={busy}
            onClick={() => void show()}
          >
            ⚠ {t('emergency.show')} <kbd>Ctrl+Enter</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
