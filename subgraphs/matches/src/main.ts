import 'reflect-metadata';
import { runService } from '@meridian/kit';
import { loadConfig } from './config';
import { startMatches } from './server';

runService(() => startMatches(loadConfig()));
