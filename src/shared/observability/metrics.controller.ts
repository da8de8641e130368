import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';
import { Answer } from '../http/answer';
import { MetricsService } from './metrics.service';

@ApiExcludeController()
// Operational numbers only, no data; restrict it to the monitoring network at the load balancer.
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(): Promise<Answer<string>> {
    const { registry } = this.metrics;
    return Answer.represented(await registry.metrics(), { 'content-type': registry.contentType });
  }
}
