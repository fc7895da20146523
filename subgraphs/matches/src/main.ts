import 'reflect-metadata';
import { setMaxListeners } from 'node:events';
import { runService } from '@meridian/kit';
import { loadConfig, MAX_LIVE_SUBSCRIBERS } from './config';
import { startMatches } from './server';

// Each live subscriber adds a listener to the in-process pub/sub's EventTarget; Node warns past 10 by default.
setMaxListeners(MAX_LIVE_SUBSCRIBERS);
runService(() => startMatches(loadConfig()));
