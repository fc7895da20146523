import { runService } from '@meridian/kit/lifecycle';
import { loadConfig } from './config';
import { startGateway } from './server';

runService(() => startGateway(loadConfig()));
