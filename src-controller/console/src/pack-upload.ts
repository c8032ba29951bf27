import { patchUpload, type ConsoleStore, type ReportLine } from './console-store';
import { currentI18n } from './i18n';

interface UploadAnswer {
  ok: boolean;
  error?: string;
  problems?: ReportLine[];
  warnings?: ReportLine[];
  data?: {
    packId: string;
    version: string;
    added: boolean;
    newBytes: number;
    warnings: ReportLine[];
  };
}

/**
 * Sends a pack file to the controller. XMLHttpRequest rather than fetch, because only it reports
 * upload progress; processing progress arrives separately over the socket.
 */
export function uploadPack(store: ConsoleStore, origin: string, file: File): Promise<void> {
  const id = crypto.randomUUID();
  store.setState({
    upload: {
      id,
      fileName: file.name,
      phase: 'uploading',
      uploadedBytes: 0,
      totalUploadBytes: file.size,
      processedBytes: 0,
      totalProcessBytes: 0,
      message: '',
      problems: [],
      warnings: [],
    },
  });
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${origin}/api/packs`);
    xhr.setRequestHeader('Content-Type', 'application/zip');
    xhr.setRequestHeader('X-Upload-Id', id);
    xhr.upload.onprogress = (event) => {
      patchUpload(store, {
        uploadedBytes: event.loaded,
        totalUploadBytes: event.total || file.size,
      });
    };
    xhr.upload.onload = () => patchUpload(store, { phase: 'checking', uploadedBytes: file.size });
    xhr.onload = () => {
      let answer: UploadAnswer;
      try {
        answer = JSON.parse(xhr.responseText) as UploadAnswer;
      } catch {
        answer = { ok: false, error: currentI18n().t('upload.answered', xhr.status) };
      }
      if (answer.ok && answer.data) {
        const d = answer.data;
        patchUpload(store, {
          phase: 'imported',
          message: d.added
            ? currentI18n().t('upload.added', d.packId, d.version)
            : currentI18n().t('upload.already', d.packId, d.version),
          warnings: d.warnings,
          problems: [],
        });
      } else {
        patchUpload(store, {
          phase: answer.problems ? 'refused' : 'failed',
          message: answer.error ?? currentI18n().t('upload.uploadFailed'),
          problems: answer.problems ?? [],
          warnings: answer.warnings ?? [],
        });
      }
      resolve();
    };
    xhr.onerror = () => {
      patchUpload(store, {
        phase: 'failed',
        message: currentI18n().t('upload.interrupted'),
      });
      resolve();
    };
    xhr.send(file);
  });
}
