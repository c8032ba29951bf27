import { useState } from 'react';
import type { PackSummary } from '../../../src-shared/protocol';
import type { UploadState } from './console-store';
import { PackUploader } from './PackUploader';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

function PackRow(props: {
  pack: PackSummary;
  onPublish: (key: string, id: number) => void;
  onRollback: (key: string) => void;
  onDelete: (id: number) => void;
}) {
  const { pack, onPublish, onRollback, onDelete } = props;
  const [key, setKey] = useState(pack.usedBy[0] ?? '4');
  const removable = pack.usedBy.length === 0 && !pack.onAir;
  return (
    <tr data-pack={`${pack.packId}@${pack.version}`}>
      <td>
        <div className="pack-title">{pack.title.zh}</div>
        <div className="dim small">
          {pack.title.en} · {pack.packId} <span className="version">v{pack.version}</span>
        </div>
      </td>
      <td className="dim small">
        {pack.slideCount} slides · {size(pack.bytes)}
        {pack.roles.length > 1 ? ` · roles ${pack.roles.join(', ')}` : ''}
      </td>
      <td>
        {pack.usedBy.map((k) => (
          <span key={k} className="used-by">
            <span className="mini-key">{k}</span>
            <button
              type="button"
              className="link"
              title={`Put key ${k} back on its previous version`}
              onClick={() => onRollback(k)}
            >
              roll back
            </button>
          </span>
        ))}
        {pack.onAir && <span className="on-air-tag">on air</span>}
      </td>
      <td className="actions">
        <select aria-label="theme key" value={key} onChange={(e) => setKey(e.target.value)}>
          {KEYS.map((k) => (
            <option key={k} value={k}>
              key {k}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => onPublish(key, pack.packVersionId)}>
          Publish
        </button>
        <button
          type="button"
          className="danger"
          disabled={!removable}
          title={
            removable
              ? 'Delete this version and free its files'
              : 'In use: publish another version first'
          }
          onClick={() => onDelete(pack.packVersionId)}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}

/** The pack library: upload new packs, publish versions to keys, roll back, delete. */
export function PackLibrary(props: {
  packs: PackSummary[];
  upload: UploadState | null;
  error: string | null;
  onFile: (file: File) => void;
  onPublish: (key: string, id: number) => void;
  onRollback: (key: string) => void;
  onDelete: (id: number) => void;
}) {
  return (
    <section className="panel library">
      <h2>
        Pack library <span className="count">{props.packs.length} versions</span>
      </h2>
      <PackUploader upload={props.upload} onFile={props.onFile} />
      {props.error && (
        <div className="banner error" role="alert">
          {props.error}
        </div>
      )}
      <table className="packs">
        <tbody>
          {props.packs.map((pack) => (
            <PackRow key={pack.packVersionId} pack={pack} {...props} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
