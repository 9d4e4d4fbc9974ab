// Registers import-recorder.mjs (see there) for the process that loads this file with --import.
import { register } from 'node:module';

register('./import-recorder.mjs', import.meta.url);
