import 'reflect-metadata';
import { runService } from '@meridian/kit';
import { loadConfig } from './config';
import { startBilling } from './server';

runService(() => startBilling(loadConfig()));
