/** `npm run train -w @meridian/telemetry [-- <train_FD001.txt>]`: retrains the models and writes model.json. */
import fs from 'node:fs';
import path from 'node:path';
import { parseCmapss } from '../cmapss/parse';
import { serializeModels, trainModels } from './train';
import { formatValidationTable } from './report';
import { SHARED_DATA_DIR } from '@meridian/kit';

const DEFAULT_TRAIN_FILE = path.join(SHARED_DATA_DIR, 'turbofan', 'cmapss_FD001', 'train_FD001.txt');
const MODEL_FILE = path.resolve(__dirname, '..', '..', 'src', 'models', 'model.json');

const file = path.resolve(process.argv[2] ?? DEFAULT_TRAIN_FILE);
if (!fs.existsSync(file)) {
  console.error(
    `${file} is absent: name C-MAPSS train_FD001.txt, npm run train -w @meridian/telemetry -- <file>`,
  );
  process.exit(1);
}
const models = trainModels(parseCmapss(fs.readFileSync(file, 'utf8'), file), path.basename(file));
fs.writeFileSync(MODEL_FILE, serializeModels(models));
console.log(`wrote ${MODEL_FILE}`);
console.log(formatValidationTable(models));
