
-- Fixture for t_quantiles
select try_cast(2 as int) as `df`, try_cast(4.302652729749462 as double) as `t_975`
union all
select try_cast(3 as int) as `df`, try_cast(3.182446305284263 as double) as `t_975`