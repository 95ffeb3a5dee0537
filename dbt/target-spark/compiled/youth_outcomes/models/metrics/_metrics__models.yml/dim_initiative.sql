
-- Fixture for dim_initiative
select try_cast('I' as string) as `initiative_id`, try_cast(null as string) as `initiative_name`, try_cast(null as string) as `kind`, try_cast(null as string) as `target_group`, try_cast('2024-01-01' as date) as `started_on`, try_cast(null as bigint) as `partnerships`