import 'reflect-metadata';
import { runService } from '@meridian/kit';
import { loadConfig } from './config';
import { startTelemetry } from './server';

runService(() => startTelemetry(loadConfig()));
