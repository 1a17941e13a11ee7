import { useEffect, useState, type ChangeEvent } from 'react';
import type { DatasetFormat, FieldMapping } from '../../../shared/datasets/datasetImport';
import { DATASET_FORMATS, formatIssue } from '../../../shared/datasets/datasetImport';
import type { DatasetImportResult, DatasetPreview } from '../../../shared/api/datasetViews';
import type { ApiError } from '../../../shared/api/result';
import { ErrorMessage } from '../../components/ErrorMessage';
import { readPickedFile } from '../../files/readPickedFile';
import { useApp } from '../../store/storeContext';

/** What the user chose over what the core detected; absent keys are left to detection. */
interface Choice {
  format?: DatasetFormat;
  questionField?: string;
  answerField?: string;
  /** null: generate ids. */
  idField?: string | null;
  gold?: FieldMapping['gold'];
}

const PREVIEW_ROWS = 8;

/**
 * Import a dataset file: pick it, see how the core reads it (format, field mapping, first items,
 * every error with its line), adjust the mapping, then store it. Nothing is written before
 * "Import"; the core checks the whole file again then, all or nothing.
 */
export function DatasetImport() {
  const previewDataset = useApp((s) => s.previewDataset);
  const importDataset = useApp((s) => s.importDataset);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [choice, setChoice] = useState<Choice>({});
  const [name, setName] = useState('');
  const [preview, setPreview] = useState<DatasetPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DatasetImportResult | null>(null);

  // Every change of file or choice asks the core again; the newest answer wins.
  useEffect(() => {
    if (!file) return;
    let current = true;
    const { format, gold, ...fields } = choice;
    const mapping = { ...fields, ...(gold ? { gold } : {}) };
    void previewDataset({
      content: file.text,
      fileName: file.name,
      rows: PREVIEW_ROWS,
      ...(format ? { format } : {}),
      ...(Object.keys(mapping).length > 0 ? { mapping } : {}),
    }).then((answer) => {
      if (!current) return;
      if (answer.ok) {
        setPreview(answer.value);
        setError(null);
      } else {
        setPreview(null);
        setError(answer.error);
      }
    });
    return () => {
      current = false;
    };
  }, [file, choice, previewDataset]);

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0];
    event.target.value = '';
    if (!picked) return;
    setResult(null);
    const read = await readPickedFile(picked);
    if (!read.ok) {
      setFile(null);
      setPreview(null);
      setError({ code: 'bad-request', message: read.message });
      return;
    }
    setChoice({});
    setName(picked.name.replace(/\.(jsonl|ndjson|json|csv)$/i, ''));
    setFile({ name: picked.name, text: read.text });
  }

  async function submit() {
    if (!file || !preview?.ok) return;
    setBusy(true);
    const { idField, ...mapping } = preview.mapping;
    const answer = await importDataset({
      content: file.text,
      name: name.trim() || file.name,
      format: preview.format,
      mapping: { ...mapping, ...(idField ? { idField } : {}) },
    });
    setBusy(false);
    if (answer.ok) setResult(answer.value);
    else setError(answer.error);
  }

  const fieldOptions = preview?.fields ?? [];
  const detected = new Set(preview?.detected ?? []);
  const mark = (key: keyof FieldMapping) => (detected.has(key) ? ' (detected)' : '');

  return (
    <section className="panel" data-testid="dataset-import">
      <header className="panel-header">
        <h2>Import a dataset</h2>
        <label className="button">
          Choose a file…
          <input type="file" accept=".jsonl,.ndjson,.json,.csv" onChange={(event) => void pick(event)} hidden data-testid="dataset-file" />
        </label>
        {file && <span className="muted small" data-testid="dataset-file-name">{file.name}</span>}
      </header>
      {!file && !error && <p className="muted">JSONL, JSON (an array of objects) or CSV with a header row. Each record gives a question and an answer; the preview shows how they are read before anything is stored.</p>}
      {error && <ErrorMessage error={error} />}
      {preview && (
        <>
          <div className="form-grid" data-testid="dataset-mapping">
            <label>
              format{preview.formatFrom === 'args' ? '' : ` (from the ${preview.formatFrom === 'file-name' ? 'file name' : 'content'})`}
              <select value={preview.format} onChange={(event) => setChoice({ ...choice, format: event.target.value as DatasetFormat })} data-testid="dataset-format">
                {DATASET_FORMATS.map((format) => <option key={format} value={format}>{format}</option>)}
              </select>
            </label>
            <label>
              question field{mark('questionField')}
              <FieldSelect value={preview.mapping.questionField} options={fieldOptions} onChange={(value) => setChoice({ ...choice, questionField: value })} testId="dataset-question-field" />
            </label>
            <label>
              answer field{mark('answerField')}
              <FieldSelect value={preview.mapping.answerField} options={fieldOptions} onChange={(value) => setChoice({ ...choice, answerField: value })} testId="dataset-answer-field" />
            </label>
            <label>
              id field{mark('idField')}
              <select value={preview.mapping.idField ?? ''} onChange={(event) => setChoice({ ...choice, idField: event.target.value === '' ? null : event.target.value })} data-testid="dataset-id-field">
                <option value="">generate ids</option>
                {fieldOptions.map((field) => <option key={field} value={field}>{field}</option>)}
              </select>
            </label>
            <label>
              gold answer{mark('gold')}
              <select value={preview.mapping.gold} onChange={(event) => setChoice({ ...choice, gold: event.target.value as FieldMapping['gold'] })} data-testid="dataset-gold">
                <option value="gsm8k">GSM8K: the number after ####</option>
                <option value="raw">the field as it is</option>
              </select>
            </label>
            <label>
              name
              <input value={name} onChange={(event) => setName(event.target.value)} maxLength={200} data-testid="dataset-name" />
            </label>
          </div>
          <p className="small" data-testid="dataset-summary">
            {preview.rowCount} records read;{' '}
            {preview.ok ? <span className="right">{preview.itemCount} items would be stored</span> : <span className="wrong">{preview.errors.length} error{preview.errors.length === 1 ? '' : 's'}: nothing can be stored</span>}
            {preview.existing && <> · the same content is already stored as <strong>{preview.existing.name}</strong></>}
          </p>
          {preview.errors.length > 0 && (
            <ul className="form-issues" data-testid="dataset-errors">
              {preview.errors.slice(0, 20).map((issue, index) => <li key={index}>{formatIssue(issue)}</li>)}
              {preview.errors.length > 20 && <li>… and {preview.errors.length - 20} more</li>}
            </ul>
          )}
          {preview.warnings.length > 0 && (
            <ul className="muted small" data-testid="dataset-warnings">
              {preview.warnings.slice(0, 10).map((issue, index) => <li key={index}>{formatIssue(issue)}</li>)}
            </ul>
          )}
          {preview.items.length > 0 && (
            <div className="table-scroll">
              <table className="data-table" data-testid="dataset-preview">
                <thead><tr><th>id</th><th>question</th><th>gold</th></tr></thead>
                <tbody>
                  {preview.items.map((item) => (
                    <tr key={item.id}>
                      <td className="mono small">{item.id}</td>
                      <td className="clip" title={item.question}>{item.question}</td>
                      <td className="mono">{item.answer}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="form-actions">
            <button type="button" className="button primary" disabled={!preview.ok || busy} onClick={() => void submit()} data-testid="dataset-import-submit">
              {busy ? 'Importing…' : 'Import'}
            </button>
            {result && (
              <span className={result.ok ? 'right' : 'wrong'} data-testid="dataset-import-result">
                {result.ok
                  ? result.created
                    ? `stored ${result.itemCount} items as “${result.dataset.name}” (${result.hash.slice(0, 12)})`
                    : `already stored as “${result.dataset.name}”: nothing written`
                  : `not stored: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`}
              </span>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function FieldSelect({ value, options, onChange, testId }: { value: string; options: string[]; onChange: (value: string) => void; testId: string }) {
  const all = options.includes(value) ? options : [value, ...options];
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
      {all.map((field) => <option key={field} value={field}>{field}</option>)}
    </select>
  );
}
