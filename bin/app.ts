#!/usr/bin/env node
import { buildApp } from "../lib/app";

// `npx cdk synth -c stage=prod`; the App reads CLI context and synthesizes on exit (CDK_OUTDIR set).
buildApp();
