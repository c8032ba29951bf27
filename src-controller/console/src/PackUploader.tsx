import { useRef, useState } from 'react';
import type { ReportLine, UploadState } from './console-store';
import { useI18n, type MessageKey } from './i18n';

const pct = (done: number, total: number) =>
  total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;

const PHASE_LABEL: Record<UploadState['phase'], MessageKey> = {
  uploading: 'upload.uploading',
  checking: 'upload.checking',
  storing: 'upload.storing',
  committing: 'upload.saving',
  done: 'upload.saving',
  imported: 'upload.imported',
  refused: 'upload.refused',
  failed: 'upload.failed',
};

function Bar({ label, value }: { label: string; value: number }) {
  return (
    <div className="bar">
      <div className="bar-label">
        <span>{label}</span>
        <span className="mono">{value}%</span>
      </div>
      <div className="bar-track" role="progressbar" aria-valuenow={value} aria-label={label}>
        <div className="bar-fill" style={{ width: `${value}%` }} />
      </div>
    </div>
  );
}

/** The validator's problems or warnings: file, JSON pointer of the field, reason. */
function ReportList({ kind, lines }: { kind: 'problems' | 'warnings'; lines: ReportLine[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className={`report ${kind}`}>
      {lines.map((line, i) => (
        <li key={i}>
          <code>{line.file}</code>
          {line.field && <code className="field">{line.field}</code>} {line.reason}
        </li>
      ))}
    </ul>
  );
}

/** Drag and drop (or choose) a .hcpack; shows upload and processing progress, then the report. */
export function PackUploader(props: { upload: UploadState | null; onFile: (file: File) => void }) {
  const { upload, onFile } = props;
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const { t } = useI18n();
  const busy = upload !== null && !['imported', 'refused', 'failed'].includes(upload.phase);
  return (
    <div className="uploader">
      <div
        className={`drop-zone ${over ? 'over' : ''} ${busy ? 'busy' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer.files[0];
          if (file && !busy) onFile(file);
        }}
      >
        <div className="drop-title">{t('upload.drop')}</div>
        <button type="button" disabled={busy} onClick={() => input.current?.click()}>
          {t('upload.choose')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".hcpack,.zip,application/zip"
          hidden
          data-testid="pack-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onFile(file);
            e.target.value = '';
          }}
        />
      </div>
      {upload && (
        <div className={`upload-report ${upload.phase}`} data-testid="upload-report">
          <div className="upload-head">
            <span className="upload-name">{upload.fileName}</span>
            <span className={`phase ${upload.phase}`}>{t(PHASE_LABEL[upload.phase])}</span>
          </div>
          {busy && (
            <>
              <Bar
                label={t('upload.bar')}
                value={pct(upload.uploadedBytes, upload.totalUploadBytes)}
              />
              <Bar
                label={t('upload.processing')}
                value={pct(upload.processedBytes, upload.totalProcessBytes)}
              />
            </>
          )}
          {upload.message && <p className="upload-message">{upload.message}</p>}
          <ReportList kind="problems" lines={upload.problems} />
          <ReportList kind="warnings" lines={upload.warnings} />
        </div>
      )}
    </div>
  );
}
