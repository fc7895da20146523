import { runService } from '@meridian/kit';
import { loadConfig } from './config';
import { startGateway } from './server';

runService(() => startGateway(loadConfig()));
