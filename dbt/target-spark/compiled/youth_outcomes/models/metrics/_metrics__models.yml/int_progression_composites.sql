
-- Fixture for int_progression_composites
select try_cast('a' as string) as `enrolment_key`, try_cast('AFSTAND' as string) as `instrument`, try_cast('2024-01-01' as date) as `assessed_on`, try_cast(0 as double) as `composite`, try_cast(null as bigint) as `items`, try_cast(0.8 as double) as `reliability`, try_cast(20 as double) as `seed_baseline_sd`
union all
select try_cast('a' as string) as `enrolment_key`, try_cast('AFSTAND' as string) as `instrument`, try_cast('2024-07-19' as date) as `assessed_on`, try_cast(33.333333333 as double) as `composite`, try_cast(null as bigint) as `items`, try_cast(0.8 as double) as `reliability`, try_cast(20 as double) as `seed_baseline_sd`
union all
select try_cast('b' as string) as `enrolment_key`, try_cast('AFSTAND' as string) as `instrument`, try_cast('2024-01-01' as date) as `assessed_on`, try_cast(5.555555556 as double) as `composite`, try_cast(null as bigint) as `items`, try_cast(0.8 as double) as `reliability`, try_cast(20 as double) as `seed_baseline_sd`
union all
select try_cast('b' as string) as `enrolment_key`, try_cast('AFSTAND' as string) as `instrument`, try_cast('2024-12-01' as date) as `assessed_on`, try_cast(0 as double) as `composite`, try_cast(null as bigint) as `items`, try_cast(0.8 as double) as `reliability`, try_cast(20 as double) as `seed_baseline_sd`
union all
select try_cast('c' as string) as `enrolment_key`, try_cast('AFSTAND' as string) as `instrument`, try_cast('2024-01-01' as date) as `assessed_on`, try_cast(50 as double) as `composite`, try_cast(null as bigint) as `items`, try_cast(0.8 as double) as `reliability`, try_cast(20 as double) as `seed_baseline_sd`
union all
select try_cast('c' as string) as `enrolment_key`, try_cast('AFSTAND' as string) as `instrument`, try_cast('2024-03-01' as date) as `assessed_on`, try_cast(60 as double) as `composite`, try_cast(null as bigint) as `items`, try_cast(0.8 as double) as `reliability`, try_cast(20 as double) as `seed_baseline_sd`