import { useRef, useState } from 'react';
import type { UploadState } from './console-store';

const pct = (done: number, total: number) =>
  total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;

const PHASE_LABEL: Record<UploadState['phase'], string> = {
  uploading: 'Uploading',
  checking: 'Checking',
  storing: 'Storing files',
  committing: 'Saving',
  done: 'Saving',
  imported: 'Imported',
  refused: 'Refused',
  failed: 'Failed',
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

/** Drag and drop (or choose) a .hcpack; shows upload and processing progress, then the report. */
export function PackUploader(props: { upload: UploadState | null; onFile: (file: File) => void }) {
  const { upload, onFile } = props;
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
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
        <div className="drop-title">Drop a pack here (.hcpack or .zip)</div>
        <button type="button" disabled={busy} onClick={() => input.current?.click()}>
          Choose a file…
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
            <span className={`phase ${upload.phase}`}>{PHASE_LABEL[upload.phase]}</span>
          </div>
          {busy && (
            <>
              <Bar label="Upload" value={pct(upload.uploadedBytes, upload.totalUploadBytes)} />
              <Bar
                label="Processing"
                value={pct(upload.processedBytes, upload.totalProcessBytes)}
              />
            </>
          )}
          {upload.message && <p className="upload-message">{upload.message}</p>}
          {upload.problems.length > 0 && (
            <ul className="report problems">
              {upload.problems.map((p, i) => (
                <li key={i}>
                  <code>{p.file}</code>
                  {p.field && <code className="field">{p.field}</code>} {p.reason}
                </li>
              ))}
            </ul>
          )}
          {upload.warnings.length > 0 && (
            <ul className="report warnings">
              {upload.warnings.map((w, i) => (
                <li key={i}>
                  <code>{w.file}</code>
                  {w.field && <code className="field">{w.field}</code>} {w.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
