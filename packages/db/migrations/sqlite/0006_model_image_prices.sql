ALTER TABLE `model_prices` ADD `cny_image` real;--> statement-breakpoint
ALTER TABLE `model_prices` ADD `usd_image` real;